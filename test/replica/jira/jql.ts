/**
 * A real (small) JQL parser and evaluator. Grammar per Atlassian's "JQL: fields, operators, functions"
 * docs: clauses `field op value`, AND / OR / NOT, parentheses, IN lists, IS [NOT] EMPTY, ~ text search,
 * the linkedIssues() function, and ORDER BY. Errors are the messages Jira answers with HTTP 400, e.g.
 * "An issue with key 'X' does not exist for field 'key'." (atlassian-python-api PR #752) and
 * "The value 'X' does not exist for the field 'project'." (tenable/integration-jira-cloud#25).
 */

export type Value =
  | { kind: 'value'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'func'; name: string; args: string[] }
  | { kind: 'empty' };

export type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; inner: Node }
  | { kind: 'clause'; field: string; op: string; value: Value }
  | { kind: 'all' };

export interface Jql {
  where: Node;
  orderBy: { field: string; dir: 'asc' | 'desc' }[];
}

export class JqlError extends Error {}

type Token = { t: 'word' | 'string' | 'op' | 'punct'; v: string; pos: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        v += src[j];
        j++;
      }
      if (j >= src.length)
        throw new JqlError(
          `Error in the JQL Query: The quoted string '${v}' has not been completed. (line 1, character ${i + 1})`,
        );
      out.push({ t: 'string', v, pos: i });
      i = j + 1;
    } else if ('(),'.includes(c)) {
      out.push({ t: 'punct', v: c, pos: i++ });
    } else {
      const op = /^(!=|!~|>=|<=|=|~|>|<)/.exec(src.slice(i));
      if (op) {
        out.push({ t: 'op', v: op[1] as string, pos: i });
        i += (op[1] as string).length;
        continue;
      }
      const w = /^[^\s(),=!~<>"']+/.exec(src.slice(i));
      if (!w)
        throw new JqlError(
          `Error in the JQL Query: The character '${c}' is a reserved JQL character. (line 1, character ${i + 1})`,
        );
      out.push({ t: 'word', v: w[0], pos: i });
      i += w[0].length;
    }
  }
  return out;
}

export function parseJql(src: string): Jql {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Token | undefined => toks[p];
  const isKw = (kw: string, tok = peek()): boolean => tok?.t === 'word' && tok.v.toUpperCase() === kw;
  const fail = (what: string): never => {
    const tok = peek();
    throw new JqlError(
      `Error in the JQL Query: Expecting ${what} but got ${tok ? `'${tok.v}'` : 'end of query'}. (line 1, character ${(tok?.pos ?? src.length) + 1})`,
    );
  };
  const expectPunct = (v: string) => {
    const tok = peek();
    if (tok?.t !== 'punct' || tok.v !== v) fail(`'${v}'`);
    p++;
  };
  const operandWord = (): string => {
    const tok = peek();
    if (!tok || (tok.t !== 'word' && tok.t !== 'string')) return fail('a value');
    p++;
    return tok.v;
  };
  const value = (): Value => {
    if (isKw('EMPTY') || isKw('NULL')) {
      p++;
      return { kind: 'empty' };
    }
    if (peek()?.t === 'punct' && peek()?.v === '(') {
      p++;
      const items = [operandWord()];
      while (peek()?.v === ',') {
        p++;
        items.push(operandWord());
      }
      expectPunct(')');
      return { kind: 'list', items };
    }
    const text = operandWord();
    if (peek()?.t === 'punct' && peek()?.v === '(') {
      p++;
      const args: string[] = [];
      while (peek()?.v !== ')') {
        args.push(operandWord());
        if (peek()?.v === ',') p++;
      }
      expectPunct(')');
      return { kind: 'func', name: text, args };
    }
    return { kind: 'value', text };
  };
  const clause = (): Node => {
    const f = peek();
    if (!f || (f.t !== 'word' && f.t !== 'string')) return fail('a field name');
    p++;
    let op: string;
    const tok = peek();
    if (tok?.t === 'op') {
      op = tok.v;
      p++;
    } else if (isKw('IN')) {
      op = 'in';
      p++;
    } else if (isKw('NOT') && isKw('IN', toks[p + 1])) {
      op = 'not in';
      p += 2;
    } else if (isKw('IS')) {
      p++;
      op = 'is';
      if (isKw('NOT')) {
        p++;
        op = 'is not';
      }
    } else return fail('an operator');
    return { kind: 'clause', field: f.v, op, value: value() };
  };
  const unary = (): Node => {
    if (isKw('NOT')) {
      p++;
      return { kind: 'not', inner: unary() };
    }
    if (peek()?.t === 'punct' && peek()?.v === '(') {
      p++;
      const inner = or();
      expectPunct(')');
      return inner;
    }
    return clause();
  };
  const and = (): Node => {
    let left = unary();
    while (isKw('AND')) {
      p++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (isKw('OR')) {
      p++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const where: Node = peek() === undefined || isKw('ORDER') ? { kind: 'all' } : or();
  const orderBy: Jql['orderBy'] = [];
  if (isKw('ORDER')) {
    p++;
    if (!isKw('BY')) fail("'by'");
    p++;
    do {
      if (peek()?.v === ',') p++;
      const field = operandWord();
      let dir: 'asc' | 'desc' = 'asc';
      if (isKw('ASC') || isKw('DESC')) dir = (toks[p++]?.v.toLowerCase() ?? 'asc') as 'asc' | 'desc';
      orderBy.push({ field: field.toLowerCase(), dir });
    } while (peek()?.v === ',');
  }
  if (peek() !== undefined) fail('AND, OR or ORDER BY');
  return { where, orderBy };
}
