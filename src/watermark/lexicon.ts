/**
 * The watermark's choices: groups of interchangeable words and phrasings.
 *
 * A group is only listed when every variant can replace every other without
 * changing meaning or grammar in the contexts its guards allow. Guards look
 * only at the word before and the token after the phrase, which are the same
 * whichever variant is written, so the detector finds exactly the positions
 * the marker used. Breadth matters less than precision: a wrong substitution
 * is visible to users, a missing one only costs a little evidence.
 */

export interface GroupSpec {
  /** Interchangeable phrasings, lowercase, words separated by one space. */
  readonly v: readonly string[];
  /** Only at the start of a sentence, and followed by a comma (discourse markers). */
  readonly start?: boolean;
  /** Not when the previous word is one of these. */
  readonly notAfter?: readonly string[];
  /** Only when the previous word is one of these. */
  readonly onlyAfter?: readonly string[];
  /** Not when the next word is one of these. */
  readonly notBefore?: readonly string[];
  /** Only when a word follows (not punctuation or the end). */
  readonly wordAfter?: boolean;
}

/** Words that make the next word a noun: verbs listed after them would read as nouns. */
const DETERMINERS = ['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'each', 'every', 'any', 'no', 'some', 'many', 'few', 'several', 'first', 'last', 'next', 'own'];
/** A contraction before a subject is a question ("isn't it"), which the expansion breaks. */
const SUBJECTS = ['i', 'you', 'he', 'she', 'it', 'we', 'they', 'there', 'this', 'that', 'these', 'those', 'anyone', 'everyone', 'someone', 'one'];

/** "it is" → "it's", "i am" → "i'm", "you will" → "you'll". */
function contract(full: string): string {
  const [subject, verb] = full.split(' ') as [string, string];
  const tail = verb === 'is' ? "'s" : verb === 'are' ? "'re" : verb === 'am' ? "'m" : "'ll";
  return subject + tail;
}

const negation = (full: string, short: string): GroupSpec => ({ v: [full, short], notBefore: SUBJECTS });

export const GROUPS: readonly GroupSpec[] = [
  // Negative contractions: interchangeable outside questions.
  negation('do not', "don't"),
  negation('does not', "doesn't"),
  negation('did not', "didn't"),
  negation('is not', "isn't"),
  negation('are not', "aren't"),
  negation('was not', "wasn't"),
  negation('were not', "weren't"),
  negation('cannot', "can't"),
  negation('will not', "won't"),
  negation('would not', "wouldn't"),
  negation('should not', "shouldn't"),
  negation('could not', "couldn't"),
  negation('has not', "hasn't"),
  negation('have not', "haven't"),
  negation('had not', "hadn't"),
  // Pronoun contractions, where a word follows ("what it is." cannot contract).
  ...['it is', 'that is', 'there is', 'here is', 'what is', 'you are', 'we are', 'they are', 'i am', 'you will', 'we will', 'it will', 'they will', 'i will'].map(
    (full): GroupSpec => ({ v: [full, contract(full)], wordAfter: true, notBefore: ['not', 'to'], notAfter: ['as', 'if', 'whether'] }),
  ),
  // Sentence-initial discourse markers, followed by a comma.
  { v: ['additionally', 'in addition', 'furthermore', 'moreover'], start: true },
  { v: ['therefore', 'thus', 'consequently', 'as a result'], start: true },
  { v: ['in summary', 'in short', 'to summarize'], start: true },
  { v: ['first', 'firstly'], start: true },
  { v: ['second', 'secondly'], start: true },
  { v: ['third', 'thirdly'], start: true },
  { v: ['finally', 'lastly'], start: true },
  { v: ['in other words', 'put another way', 'put differently'], start: true },
  { v: ['similarly', 'likewise'], start: true },
  { v: ['in fact', 'indeed'], start: true },
  { v: ['meanwhile', 'in the meantime'], start: true },
  { v: ['ultimately', 'in the end'], start: true },
  { v: ['specifically', 'in particular'], start: true },
  { v: ['currently', 'at present'], start: true },
  { v: ['for this reason', 'because of this'], start: true },
  { v: ['in contrast', 'by contrast'], start: true },
  { v: ['generally', 'in general', 'as a rule'], start: true },
  { v: ['nevertheless', 'nonetheless', 'even so'], start: true },
  { v: ['fortunately', 'luckily'], start: true },
  { v: ['unfortunately', 'sadly'], start: true },
  { v: ['alternatively', 'as an alternative'], start: true },
  { v: ['importantly', 'crucially'], start: true },
  { v: ['overall', 'all in all', 'on the whole'], start: true },
  { v: ['frankly', 'honestly'], start: true },
  { v: ['initially', 'at first'], start: true },
  { v: ['clearly', 'obviously'], start: true },
  { v: ['essentially', 'basically'], start: true },
  { v: ['however', 'that said'], start: true },
  { v: ['for example', 'for instance'] },
  // Adverbs that read the same wherever they stand.
  { v: ['usually', 'typically'] },
  { v: ['often', 'frequently'], notAfter: ['as', 'more', 'most', 'so', 'too', 'how', 'very', 'quite'] },
  { v: ['mainly', 'primarily', 'largely'] },
  { v: ['almost', 'nearly'], notBefore: ['never', 'nothing', 'nobody', 'none', 'no', 'any', 'anything', 'anyone', 'like'] },
  { v: ['especially', 'particularly'] },
  { v: ['completely', 'entirely'] },
  { v: ['easily', 'readily'] },
  { v: ['perhaps', 'maybe'], notAfter: ['and', 'or'] },
  { v: ['roughly', 'approximately'] },
  { v: ['significantly', 'substantially', 'considerably'], notAfter: ['statistically'] },
  { v: ['slightly', 'somewhat'] },
  { v: ['rarely', 'seldom'] },
  { v: ['precisely', 'exactly'], notBefore: ['once', 'one', 'two', 'the'] },
  { v: ['toward', 'towards'] },
  { v: ['afterwards', 'afterward'] },
  // Adjectives and nouns that keep their part of speech.
  { v: ['crucial', 'vital'] },
  { v: ['substantial', 'considerable'] },
  { v: ['enormous', 'huge', 'immense'] },
  { v: ['appropriate', 'suitable'], notBefore: ['funds', 'the', 'a', 'an'] },
  { v: ['helpful', 'useful'] },
  { v: ['unusual', 'uncommon'] },
  { v: ['drawback', 'downside'] },
  { v: ['goal', 'objective', 'aim'], onlyAfter: ['the', 'your', 'our', 'their', 'my', 'its', 'main', 'primary', 'ultimate', 'key', 'this', 'that'] },
  { v: ['specific', 'particular'], notAfter: ['in', 'very', 'so', 'too', 'quite', 'be', 'is', 'are', 'was', 'were'], notBefore: ['about', 'of', 'heat', 'gravity'] },
  { v: ['entire', 'whole'], notAfter: ['as', 'on'], notBefore: ['of', 'number', 'numbers', 'grain', 'grains', 'food', 'foods', 'milk', 'wheat'] },
  { v: ['difficult', 'challenging'] },
  { v: ['widely used', 'commonly used'] },
  // Verbs and verb phrases, in forms and contexts where they cannot read as nouns.
  { v: ['ensure that', 'make sure that'], notAfter: DETERMINERS },
  { v: ['ensures that', 'makes sure that'], notAfter: DETERMINERS },
  { v: ['ensuring that', 'making sure that'], notAfter: DETERMINERS },
  { v: ['choose', 'select'], notAfter: DETERMINERS },
  { v: ['chooses', 'selects'], notAfter: DETERMINERS },
  { v: ['choosing', 'selecting'], notAfter: DETERMINERS },
  { v: ['begin', 'start'], onlyAfter: ['to', 'will', 'can', 'could', 'should', 'would', 'may', 'might', 'must', 'i', 'we', 'you', 'they', "let's", 'then', 'please', "don't", "i'll", "we'll", "you'll"], notBefore: ['up', 'over', 'off', 'out'] },
  { v: ['begins', 'starts'], onlyAfter: ['it', 'he', 'she', 'this', 'that', 'which', 'who', 'one', 'everything'], notBefore: ['up', 'over', 'off', 'out'] },
  { v: ['beginning', 'starting'], onlyAfter: ['is', 'are', 'was', 'were', 'am', 'be', 'been', 'by', 'when', 'before', 'after', "i'm", "we're", "you're", "they're", "it's"], notBefore: ['up', 'over', 'off', 'out', 'point', 'from'] },
  { v: ['tried to', 'attempted to'] },
  { v: ['trying to', 'attempting to'] },
  { v: ['try to', 'attempt to'], notAfter: DETERMINERS },
  { v: ['need to', 'have to'], notBefore: ['do'], notAfter: [...DETERMINERS, 'no', 'will'] },
  { v: ['needs to', 'has to'], notBefore: ['do'], notAfter: DETERMINERS },
  { v: ['needed to', 'had to'], notBefore: ['do'], notAfter: [...DETERMINERS, 'is', 'are', 'was', 'were', 'be', 'been', 'being', "it's", "what's", 'what'] },
  { v: ['suggest', 'recommend'], onlyAfter: ['i', 'we', 'would', 'strongly', 'also', "i'd", "we'd"] },
  { v: ['note that', 'keep in mind that', 'bear in mind that'], notAfter: DETERMINERS },
  { v: ['keep in mind', 'bear in mind'], notBefore: ['that'] },
  { v: ['shows that', 'demonstrates that'] },
  { v: ['show that', 'demonstrate that'], notAfter: DETERMINERS },
  { v: ['a variety of', 'a range of'] },
  { v: ['a wide variety of', 'a wide range of'] },
  { v: ['each other', 'one another'] },
  { v: ['anyone', 'anybody'] },
  { v: ['everyone', 'everybody'] },
  { v: ['someone', 'somebody'] },
  { v: ['no one', 'nobody'] },
  { v: ['based on', 'based upon'] },
  { v: ['depends on', 'depends upon'] },
  { v: ['depend on', 'depend upon'] },
  { v: ['rely on', 'rely upon'] },
  { v: ['relies on', 'relies upon'] },
  { v: ['and so on', 'and so forth'] },
  { v: ['nowadays', 'these days'] },
  { v: ['feel free to', "don't hesitate to"] },
  { v: ['happy to', 'glad to'], onlyAfter: ['be', 'am', 'is', 'are', 'was', 'were', "i'm", "we're", "i'd", 'more', 'very', 'always', 'also'] },
  { v: ['is equal to', 'equals'] },
  { v: ['take a look at', 'have a look at'] },
  { v: ['instead of', 'rather than'], wordAfter: true },
  { v: ['although', 'even though'], notAfter: ['and', 'but'] },
  { v: ['every time', 'whenever'], wordAfter: true, notAfter: DETERMINERS },
  { v: ['lots of', 'a lot of'], notAfter: ['quite', 'such', 'not', 'a'] },
  { v: ['due to', 'because of'], notBefore: ['be', 'expire', 'arrive', 'start', 'begin', 'end', 'launch', 'open', 'close'] },
  { v: ['regarding', 'concerning'], notAfter: [...DETERMINERS, 'is', 'are', 'was', 'were', 'be', 'very', 'more', 'most', 'quite', 'deeply'], wordAfter: true },
  { v: ['despite', 'in spite of'], wordAfter: true },
  { v: ['apart from', 'aside from'], wordAfter: true },
  { v: ['kind of', 'sort of'] },
  { v: ['in most cases', 'in most instances'] },
  { v: ['right now', 'at the moment'], notAfter: ['not'] },
  { v: ['allows', 'permits', 'enables'], onlyAfter: ['it', 'this', 'that', 'which'], notBefore: ['for', 'you'] },
  { v: ['lets you', 'allows you to', 'enables you to'] },
  { v: ['want to', 'would like to'], onlyAfter: ['you', 'we', 'i', 'they', 'users'] },
  { v: ['for more information', 'for more details'] },
  { v: ['in order to', 'so as to'], wordAfter: true },
];

/**
 * 32-bit FNV-1a of a word, lowercased, with ’ read as '. Contexts and guards
 * compare these hashes, so the scanner never builds strings for the ordinary
 * words that make up almost all text.
 */
export function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ foldChar(word.charCodeAt(i)), 0x01000193);
  return h >>> 0;
}

/** Lowercase ASCII letters, ’ as '. */
export function foldChar(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c === 8217 ? 39 : c;
}

export interface Group {
  readonly id: number;
  /** Variants as written. */
  readonly texts: readonly string[];
  /** Hash of each variant's last word: the context the next choice sees. */
  readonly lastWords: readonly number[];
  readonly k: number;
  readonly start: boolean;
  readonly notAfter: ReadonlySet<number>;
  readonly onlyAfter: ReadonlySet<number> | undefined;
  readonly notBefore: ReadonlySet<number>;
  readonly wordAfter: boolean;
  /** Variants differ in starting with a vowel, so "a"/"an" before them would have to change. */
  readonly articleSensitive: boolean;
}

export interface Phrase {
  readonly group: Group;
  readonly variant: number;
  readonly first: string;
  /** Words after the first, each preceded by one space in the text. */
  readonly rest: readonly string[];
  /** Hash of the second word (-1 for one-word phrases): most candidates fail on it, so it is checked first. */
  readonly second: number;
}

export interface Lexicon {
  readonly groups: readonly Group[];
  /** Phrases by the hash of their first word, longest first. */
  readonly byFirst: ReadonlyMap<number, readonly Phrase[]>;
  /**
   * One bit per value of a first-word hash's low 16 bits: nearly every word
   * of a text starts no phrase, and this answers that without the map lookup.
   */
  readonly firstBits: Uint32Array;
  /** Whether code fence length is a channel (opt-in: some code-block parsers expect exactly three backticks). */
  readonly fences: boolean;
}

/** Whether a word with hash `h` may start a phrase (then byFirst decides). */
export function mayStartPhrase(lexicon: Lexicon, h: number): boolean {
  return ((lexicon.firstBits[(h >>> 5) & 2047] as number) & (1 << (h & 31))) !== 0;
}

const startsWithVowel = (s: string) => /^[aeiou]/.test(s);
const hashes = (words: readonly string[] | undefined) => new Set((words ?? []).map(wordHash));
const lastWordOf = (text: string) => text.slice(text.lastIndexOf(' ') + 1);

export function compileLexicon(specs: readonly GroupSpec[]): Lexicon {
  const groups: Group[] = [];
  const byFirst = new Map<number, Phrase[]>();
  specs.forEach((spec, id) => {
    const group: Group = {
      id,
      texts: spec.v,
      lastWords: spec.v.map((t) => wordHash(lastWordOf(t))),
      k: spec.v.length,
      start: spec.start ?? false,
      notAfter: hashes(spec.notAfter),
      onlyAfter: spec.onlyAfter ? hashes(spec.onlyAfter) : undefined,
      notBefore: hashes(spec.notBefore),
      wordAfter: spec.wordAfter ?? false,
      articleSensitive: new Set(spec.v.map(startsWithVowel)).size > 1,
    };
    groups.push(group);
    spec.v.forEach((text, variant) => {
      const [first, ...rest] = text.split(' ') as [string, ...string[]];
      const h = wordHash(first);
      const list = byFirst.get(h) ?? [];
      list.push({ group, variant, first, rest, second: rest.length > 0 ? wordHash(rest[0] as string) : -1 });
      byFirst.set(h, list);
    });
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  closeNextWordGuards(groups, byFirst);
  const firstBits = new Uint32Array(2048);
  for (const h of byFirst.keys()) firstBits[(h >>> 5) & 2047] = (firstBits[(h >>> 5) & 2047] as number) | (1 << (h & 31));
  return { groups, byFirst, firstBits, fences: false };
}

/**
 * A guard on the next word is checked against the original text when marking
 * but against the marked text when detecting; the next word may itself be a
 * choice. So a guard that names one variant's first word names them all.
 */
function closeNextWordGuards(groups: Group[], byFirst: Map<number, Phrase[]>): void {
  for (const g of groups) {
    const guard = g.notBefore as Set<number>;
    for (const h of [...guard]) {
      for (const phrase of byFirst.get(h) ?? []) {
        for (const text of phrase.group.texts) guard.add(wordHash(text.split(' ')[0] as string));
      }
    }
  }
}

export const LEXICON: Lexicon = compileLexicon(GROUPS);
const WITH_FENCES: Lexicon = { ...LEXICON, fences: true };

/** The choices a configuration marks with: the lexicon, with or without the fence channel. Marking and tracing must agree. */
export function lexiconFor(options: { fences: boolean }): Lexicon {
  return options.fences ? WITH_FENCES : LEXICON;
}
