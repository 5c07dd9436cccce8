// A profile object from an untrusted file is checked once, completely, wherever it enters (issue 13, defect 6):
// valuesSchema and validateValues run checkProfile too (valuesSchema({ name: 'p' }) was a TypeError), escapes in
// condition strings are profile errors with their place (they were SyntaxErrors), unknown functions and
// `fails.when` are checked up front (they failed at resolve time, or never), and cyclic or very deep subchart
// profiles are refused instead of overflowing the stack.
import { checkProfile, ProfileError, resolveImages, ResolveError, validateValues, valuesSchema, type Profile } from '../../src/index';
import { MAX_PROFILE_DEPTH } from '../../src/images/profile-check';

const base = (): Profile => ({
  name: 'web',
  chart: 'web',
  globalImage: 'global.image',
  workloads: [{ kind: 'Deployment', name: 'w', containers: [{ name: 'web', image: 'web.image' }] }],
  fanOuts: [],
  imageFields: [],
});

const withWhen = (when: string): Profile => ({ ...base(), workloads: [{ kind: 'Deployment', name: 'w', when, containers: [{ name: 'web', image: 'web.image' }] }] });

function cyclic(): Profile {
  const p = base();
  p.subcharts = [{ name: 'self', profile: p }];
  return p;
}

function deep(levels: number): Profile {
  let p = base();
  for (let i = 0; i < levels; i++) p = { ...base(), name: `l${i}`, subcharts: [{ name: 'sub', profile: p }] };
  return p;
}

// [case, the profile (made fresh), JSON pointer of the problem, message]
const rows: Array<[string, () => unknown, string, RegExp]> = [
  ['a name alone', () => ({ name: 'p' }), '/', /missing property "chart"/],
  ['not an object', () => 5, '/', /must be object/],
  ['escape \\q in a condition string', () => withWhen('eq(a, "\\q")'), '/workloads/0/when', /invalid escape "\\\\q".*\(column 8\)/],
  ['escape \\u12 in a condition string', () => withWhen('eq(a, "\\u12")'), '/workloads/0/when', /invalid escape "\\\\u".*\(column 8\)/],
  ['an unknown function', () => withWhen('len(a)'), '/workloads/0/when', /unknown function len.*\(column 1\)/],
  ['a function with the wrong number of arguments', () => withWhen('eq(a)'), '/workloads/0/when', /eq takes 2 arguments, got 1/],
  ['a broken fails.when', () => ({ ...base(), workloads: [{ kind: 'Deployment', name: 'w', containers: [{ name: 'web', image: 'web.image', fails: { when: 'a &&', message: 'm' } }] }] }), '/workloads/0/containers/0/fails/when', /expected more/],
  ['a broken imageFields check', () => ({ ...base(), imageFields: [{ kind: 'GatewayParameters', name: 'g', checks: [{ when: 'len(x)', message: 'm' }], entries: [] }] }), '/imageFields/0/checks/0/when', /unknown function len/],
  ['a profile that is its own subchart', cyclic, '/subcharts/0/profile', /cycle of subchart profiles/],
  ['subchart profiles 500 deep', () => deep(500), `${'/subcharts/0/profile'.repeat(MAX_PROFILE_DEPTH)}`, new RegExp(`nest deeper than ${MAX_PROFILE_DEPTH} levels`)],
];

// a profile that is not an object at all is an option of the wrong type at the API boundary (invalid-option)
const boundary = (name: string) => (name === 'not an object' ? 'invalid-option' : 'profile-invalid');

describe.each(rows)('%s', (name, make, pointer, message) => {
  test('checkProfile: ProfileError with the place', () => {
    let err: unknown;
    try {
      checkProfile(make());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProfileError);
    expect((err as ProfileError).problems).toContainEqual({ pointer, message: expect.stringMatching(message) });
  });

  test('valuesSchema: the same ProfileError', () => {
    expect(() => valuesSchema(make() as Profile)).toThrow(ProfileError);
    expect(() => valuesSchema(make() as Profile)).toThrow(message);
  });

  test('validateValues: a profile-invalid diagnostic, never a throw', () => {
    const r = validateValues({ web: { image: { repository: 'web' } } }, { profile: make() as Profile });
    expect(r.valid).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual([boundary(name)]);
    if (boundary(name) === 'profile-invalid') expect(r.diagnostics[0]!.message).toMatch(message);
  });

  test('resolveImages: ResolveError profile-invalid', () => {
    let err: unknown;
    try {
      resolveImages({ web: { image: { repository: 'web' } } }, { profile: make() as Profile });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ResolveError);
    expect((err as ResolveError).code).toBe(boundary(name));
  });
});

test('escapes JSON defines are read as JSON reads them', () => {
  const p = withWhen('eq(web.name, "caf\\u00e9\\t\\\\")');
  expect(checkProfile(p)).toBe(p);
  const img = (name: string) => resolveImages({ global: { image: { registry: 'r' } }, web: { name, image: { repository: 'web', tag: '1' } } }, { profile: p });
  expect(img('caf\u00e9\t\\').map((i) => i.reference)).toEqual(['r/web:1']);
  expect(img('cafe')).toEqual([]);
});

test('a valid profile object enters everywhere, subcharts to the depth limit included', () => {
  const p = deep(MAX_PROFILE_DEPTH - 1);
  expect(checkProfile(p)).toBe(p);
  expect(valuesSchema(p)).toMatchObject({ $id: expect.stringContaining(p.name) });
  expect(validateValues({ global: { image: { registry: 'r' } }, web: { image: { repository: 'web' } } }, { profile: p }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
});
