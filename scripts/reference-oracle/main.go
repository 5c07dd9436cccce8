// Command reference-oracle reads image references (one JSON string per line) on stdin and prints, for each,
// one JSON line with the verdicts of Go's reference parsers:
//
//   - "lib":  github.com/docker/distribution/reference.Parse, the library Debian ships (2.8.2);
//   - "norm": its ParseNormalizedNamed (what docker and containerd use to pull), for information;
//   - "v060": the grammar of github.com/distribution/reference v0.6.0 (IPv6 hosts; the 255-character limit on
//     the path alone), written below from its regexp.go and Parse and run by Go's own regexp engine and
//     go-digest, because no Debian package ships v0.6.0. Where the two grammars mean the same, "lib" and
//     "v060" must agree; scripts/record-reference-corpus.mjs checks that on every case.
//
// Build with GOPATH=/usr/share/gocode GO111MODULE=off (packages golang-go, golang-github-docker-distribution-dev).
package main

import (
	"bufio"
	_ "crypto/sha256" // go-digest only knows the algorithms a program links, as every real consumer does
	_ "crypto/sha512"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/docker/distribution/reference"
	"github.com/opencontainers/go-digest"
)

type verdict struct {
	OK     bool   `json:"ok"`
	Err    string `json:"err,omitempty"`
	Name   string `json:"name,omitempty"`
	Domain string `json:"domain,omitempty"`
	Path   string `json:"path,omitempty"`
	Tag    string `json:"tag,omitempty"`
	Digest string `json:"digest,omitempty"`
}

type result struct {
	Ref  string  `json:"ref"`
	Lib  verdict `json:"lib"`
	Norm verdict `json:"norm"`
	V060 verdict `json:"v060"`
}

// The v0.6.0 grammar, piece by piece (regexp.go of that release).
const (
	alphanumeric  = `[a-z0-9]+`
	separator     = `(?:[._]|__|[-]+)`
	domainComp    = `(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`
	optionalPort  = `(?::[0-9]+)?`
	tagPat        = `[\w][\w.-]{0,127}`
	digestPat     = `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}`
	ipv6          = `\[(?:[a-fA-F0-9:]+)\]`
	domainName    = domainComp + `(?:\.` + domainComp + `)*`
	host          = `(?:` + domainName + `|` + ipv6 + `)`
	domainAndPort = host + optionalPort
	pathComponent = alphanumeric + `(?:` + separator + alphanumeric + `)*`
	remoteName    = pathComponent + `(?:/` + pathComponent + `)*`
	namePat       = `(?:` + domainAndPort + `/)?` + remoteName
	pathMax       = 255
)

var (
	v060Reference = regexp.MustCompile(`^(` + namePat + `)(?::(` + tagPat + `))?(?:@(` + digestPat + `))?$`)
	v060Name      = regexp.MustCompile(`^(?:(` + domainAndPort + `)/)?(` + remoteName + `)$`)
)

func parseV060(s string) verdict {
	m := v060Reference.FindStringSubmatch(s)
	if m == nil {
		if s == "" {
			return verdict{Err: reference.ErrNameEmpty.Error()}
		}
		if v060Reference.FindStringSubmatch(strings.ToLower(s)) != nil {
			return verdict{Err: reference.ErrNameContainsUppercase.Error()}
		}
		return verdict{Err: reference.ErrReferenceInvalidFormat.Error()}
	}
	v := verdict{OK: true, Name: m[1], Tag: m[2]}
	if n := v060Name.FindStringSubmatch(m[1]); len(n) == 3 {
		v.Domain, v.Path = n[1], n[2]
	} else {
		v.Path = m[1]
	}
	if len(v.Path) > pathMax {
		return verdict{Err: fmt.Sprintf("repository name must not be more than %v characters", pathMax)}
	}
	if m[3] != "" {
		d, err := digest.Parse(m[3])
		if err != nil {
			return verdict{Err: err.Error()}
		}
		v.Digest = string(d)
	}
	return v
}

func fromRef(r reference.Reference, err error) verdict {
	if err != nil {
		return verdict{Err: err.Error()}
	}
	v := verdict{OK: true}
	if n, ok := r.(reference.Named); ok {
		v.Name = n.Name()
		v.Domain = reference.Domain(n)
		v.Path = reference.Path(n)
	}
	if t, ok := r.(reference.Tagged); ok {
		v.Tag = t.Tag()
	}
	if d, ok := r.(reference.Digested); ok {
		v.Digest = string(d.Digest())
	}
	return v
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for in.Scan() {
		var s string
		if err := json.Unmarshal(in.Bytes(), &s); err != nil {
			fmt.Fprintf(os.Stderr, "reference-oracle: a line is not a JSON string: %v\n", err)
			os.Exit(2)
		}
		res := result{Ref: s, Lib: fromRef(reference.Parse(s)), V060: parseV060(s)}
		res.Norm = fromRef(reference.ParseNormalizedNamed(s))
		if err := enc.Encode(res); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
