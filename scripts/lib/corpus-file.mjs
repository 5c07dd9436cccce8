// Writing a recorded corpus file: a JSON header, then one case per line, so that a re-recording shows up in
// git as one changed line per changed case.
// Every field but `cases` goes in the header, in the object's own order.
export function formatCorpus(obj) {
  const head = Object.fromEntries(Object.entries(obj).filter(([k]) => k !== 'cases'));
  const lines = JSON.stringify(head, null, 2).split('\n');
  lines.pop();
  lines[lines.length - 1] += ',';
  lines.push('  "cases": [');
  obj.cases.forEach((c, i) => lines.push('    ' + JSON.stringify(c) + (i < obj.cases.length - 1 ? ',' : '')));
  lines.push('  ]', '}');
  return lines.join('\n') + '\n';
}
