/** awk's grammar into a small AST (POSIX awk, the subset mawk and gawk agree on). */
import { AwkSyntaxError, type Tok } from './lexer';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; target?: Expr; file?: Expr; cmd?: Expr }
  | { k: 'group'; e: Expr }
  /** A value already computed (a function's result), put back into an expression. */
  | { k: 'val'; v: unknown };

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; printf: boolean; args: Expr[]; redir?: { op: string; e: Expr } }
  | { k: 'if'; c: Expr; a: Stmt; b?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; c: Expr; body: Stmt }
  | { k: 'for'; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'nextfile' }
  | { k: 'exit'; e?: Expr }
  | { k: 'return'; e?: Expr }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; subs?: Expr[] };

export interface Rule {
  kind: 'begin' | 'end' | 'main';
  pattern?: Expr;
  range?: [Expr, Expr];
  action?: Stmt[];
}

export interface Func {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface Program {
  rules: Rule[];
  funcs: Map<string, Func>;
}

export function parse(toks: Tok[]): Program {
  let p = 0;
  const peek = (o = 0) => toks[p + o]!;
  const is = (t: Tok['t'], v?: string) => peek().t === t && (v === undefined || peek().v === v);
  const isOp = (v: string) => is('op', v);
  const fail = (): never => {
    const t = peek();
    const near = t.t === 'eof' ? 'end of file' : t.t === 'nl' ? 'end of line' : t.t === 'str' ? `"${t.v}"` : String(t.v);
    if (t.t === 'eof') throw new AwkSyntaxError(`missing } near end of file`, t.line);
    throw new AwkSyntaxError(`syntax error at or near ${near}`, t.line);
  };
  const eat = (t: Tok['t'], v?: string): Tok => {
    if (!is(t, v)) {
      // mawk names the closer it wanted: "missing ) near }".
      if (t === 'op' && (v === ')' || v === ']') && !is('eof')) {
        const n = peek();
        throw new AwkSyntaxError(`missing ${v} near ${n.t === 'nl' ? 'end of line' : String(n.v)}`, n.line);
      }
      fail();
    }
    return toks[p++]!;
  };
  const nls = () => {
    while (is('nl')) p++;
  };
  const terms = () => {
    while (is('nl') || isOp(';')) p++;
  };
  const program: Program = { rules: [], funcs: new Map() };
  let inFunc: Set<string> | null = null;

  // ── expressions, lowest precedence first ──
  const expr = (noIn = false, noGt = false): Expr => ternary(noIn, noGt);
  const isLvalue = (e: Expr) => e.k === 'var' || e.k === 'field' || e.k === 'index';
  function ternary(noIn: boolean, noGt: boolean): Expr {
    const c = or(noIn, noGt);
    if (isOp('?')) {
      p++;
      nls();
      const a = ternary(noIn, noGt);
      nls();
      eat('op', ':');
      nls();
      const b = ternary(noIn, noGt);
      return { k: 'cond', c, a, b };
    }
    if (is('op') && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(peek().v as string) && isLvalue(c)) {
      const op = toks[p++]!.v as string;
      nls();
      return { k: 'assign', op, target: c, e: ternary(noIn, noGt) };
    }
    return c;
  }
  function or(noIn: boolean, noGt: boolean): Expr {
    let a = and(noIn, noGt);
    while (isOp('||')) {
      p++;
      nls();
      a = { k: 'bin', op: '||', a, b: and(noIn, noGt) };
    }
    return a;
  }
  function and(noIn: boolean, noGt: boolean): Expr {
    let a = inExpr(noIn, noGt);
    while (isOp('&&')) {
      p++;
      nls();
      a = { k: 'bin', op: '&&', a, b: inExpr(noIn, noGt) };
    }
    return a;
  }
  function inExpr(noIn: boolean, noGt: boolean): Expr {
    let a = matchExpr(noGt);
    while (!noIn && is('kw', 'in')) {
      p++;
      const name = eat('name').v as string;
      a = { k: 'in', subs: [a], name };
    }
    return a;
  }
  function matchExpr(noGt: boolean): Expr {
    let a = compare(noGt);
    while (isOp('~') || isOp('!~')) {
      const neg = (toks[p++]!.v as string) === '!~';
      a = { k: 'match', neg, a, re: compare(noGt) };
    }
    return a;
  }
  function compare(noGt: boolean): Expr {
    const a = concat(noGt);
    if (is('op') && ['<', '<=', '!=', '==', '>=', ...(noGt ? [] : ['>'])].includes(peek().v as string)) {
      const op = toks[p++]!.v as string;
      return { k: 'bin', op, a, b: concat(noGt) };
    }
    return a;
  }
  const startsOperand = () => {
    const t = peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 're' || t.t === 'name' || t.t === 'funcname' || t.t === 'builtin') return true;
    if (t.t === 'op') return ['$', '!', '(', '-', '+', '++', '--'].includes(t.v);
    return false;
  };
  function concat(noGt: boolean): Expr {
    let a = additive();
    while (startsOperand() && !is('kw', 'in')) {
      // `a -1` is subtraction, handled in additive; here only what cannot continue an additive.
      if (isOp('-') || isOp('+')) break;
      a = { k: 'bin', op: 'concat', a, b: additive() };
    }
    void noGt;
    return a;
  }
  function additive(): Expr {
    let a = multiplicative();
    while (isOp('+') || isOp('-')) {
      const op = toks[p++]!.v as string;
      a = { k: 'bin', op, a, b: multiplicative() };
    }
    return a;
  }
  function multiplicative(): Expr {
    let a = unary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = toks[p++]!.v as string;
      a = { k: 'bin', op, a, b: unary() };
    }
    return a;
  }
  function unary(): Expr {
    if (isOp('!')) {
      p++;
      return { k: 'un', op: '!', e: unary() };
    }
    if (isOp('-') || isOp('+')) {
      const op = toks[p++]!.v as string;
      return { k: 'un', op, e: unary() };
    }
    return power();
  }
  function power(): Expr {
    const a = postfix();
    if (isOp('^')) {
      p++;
      return { k: 'bin', op: '^', a, b: unaryPow() };
    }
    return a;
  }
  function unaryPow(): Expr {
    if (isOp('-') || isOp('+') || isOp('!')) {
      const op = toks[p++]!.v as string;
      return { k: 'un', op, e: unaryPow() };
    }
    return power();
  }
  function postfix(): Expr {
    if (isOp('++') || isOp('--')) {
      const op = toks[p++]!.v as '++' | '--';
      const target = postfix();
      if (!isLvalue(target)) fail();
      return { k: 'incdec', op, prefix: true, target };
    }
    const e = primary();
    if ((isOp('++') || isOp('--')) && isLvalue(e)) {
      const op = toks[p++]!.v as '++' | '--';
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }
  function args(): Expr[] {
    eat('op', '(');
    nls();
    if (!isOp(')') && !startsOperand()) {
      const n = peek();
      throw new AwkSyntaxError(`missing ) near ${n.t === 'eof' ? 'end of file' : String(n.v)}`, n.line);
    }
    const list: Expr[] = [];
    if (!isOp(')')) {
      list.push(expr());
      nls();
      while (isOp(',')) {
        p++;
        nls();
        list.push(expr());
        nls();
      }
    }
    eat('op', ')');
    return list;
  }
  function primary(): Expr {
    const t = peek();
    switch (t.t) {
      case 'num':
        p++;
        return { k: 'num', v: t.v };
      case 'str':
        p++;
        return { k: 'str', v: t.v };
      case 're':
        p++;
        return { k: 're', v: t.v };
      case 'funcname': {
        p++;
        return { k: 'call', name: t.v, args: args() };
      }
      case 'builtin': {
        p++;
        if (t.v === 'length' && !isOp('(')) return { k: 'builtin', name: 'length', args: [] };
        return { k: 'builtin', name: t.v, args: args() };
      }
      case 'name': {
        p++;
        if (isOp('[')) {
          p++;
          const subs = [expr()];
          while (isOp(',')) {
            p++;
            nls();
            subs.push(expr());
          }
          eat('op', ']');
          return { k: 'index', name: t.v, subs };
        }
        return { k: 'var', name: t.v };
      }
      case 'kw':
        if (t.v === 'getline') {
          p++;
          let target: Expr | undefined;
          if (is('name') || isOp('$')) target = postfixNoConcat();
          let file: Expr | undefined;
          if (isOp('<')) {
            p++;
            file = primaryForRedirect();
          }
          return { k: 'getline', ...(target ? { target } : {}), ...(file ? { file } : {}) };
        }
        break;
      case 'op':
        if (t.v === '$') {
          p++;
          return { k: 'field', e: fieldOperand() };
        }
        if (t.v === '(') {
          p++;
          nls();
          const e = expr();
          nls();
          if (isOp(',')) {
            // (a, b) in arr
            const subs = [e];
            while (isOp(',')) {
              p++;
              nls();
              subs.push(expr());
            }
            eat('op', ')');
            if (!is('kw', 'in')) fail();
            p++;
            return { k: 'in', subs, name: eat('name').v as string };
          }
          eat('op', ')');
          return { k: 'group', e };
        }
        if (t.v === '-' || t.v === '+' || t.v === '!') {
          p++;
          return { k: 'un', op: t.v, e: unary() };
        }
        break;
    }
    return fail();
  }
  function fieldOperand(): Expr {
    if (isOp('++') || isOp('--') || isOp('-') || isOp('!')) {
      const op = toks[p++]!.v as string;
      if (op === '++' || op === '--') return { k: 'incdec', op, prefix: true, target: primary() };
      return { k: 'un', op, e: primary() };
    }
    return primary();
  }
  function postfixNoConcat(): Expr {
    return primary();
  }
  function primaryForRedirect(): Expr {
    return concatNoGt();
  }
  function concatNoGt(): Expr {
    return additive();
  }

  // ── statements ──
  function simpleOrBlock(): Stmt {
    nls();
    return statement();
  }
  function block(): Stmt[] {
    eat('op', '{');
    const body: Stmt[] = [];
    terms();
    while (!isOp('}')) {
      if (is('eof')) fail();
      body.push(statement());
      terms();
    }
    p++;
    return body;
  }
  function endSimple() {
    if (isOp(';') || is('nl')) {
      p++;
      return;
    }
    if (isOp('}') || is('eof')) return;
    fail();
  }
  function simpleStatement(): Stmt {
    const t = peek();
    if (t.t === 'kw' && (t.v === 'print' || t.v === 'printf')) {
      p++;
      const printf = t.v === 'printf';
      let list: Expr[] = [];
      if (isOp('(')) {
        // print (a, b) > "f" — a parenthesised list, unless it is just the start of an expression.
        const save = p;
        try {
          p++;
          nls();
          const items = [expr()];
          while (isOp(',')) {
            p++;
            nls();
            items.push(expr());
          }
          eat('op', ')');
          if (isOp(';') || is('nl') || isOp('}') || isOp('>') || isOp('>>') || isOp('|') || is('eof')) list = items;
          else {
            p = save;
            list = exprList();
          }
        } catch {
          p = save;
          list = exprList();
        }
      } else if (!(isOp(';') || is('nl') || isOp('}') || isOp('>') || isOp('>>') || isOp('|') || is('eof'))) list = exprList();
      let redir: { op: string; e: Expr } | undefined;
      if (isOp('>') || isOp('>>') || isOp('|')) {
        const op = toks[p++]!.v as string;
        redir = { op, e: concat(true) };
      }
      if (printf && !list.length) fail();
      return { k: 'print', printf, args: list, ...(redir ? { redir } : {}) };
    }
    if (t.t === 'kw' && t.v === 'delete') {
      p++;
      const name = eat('name').v as string;
      if (isOp('[')) {
        p++;
        const subs = [expr()];
        while (isOp(',')) {
          p++;
          subs.push(expr());
        }
        eat('op', ']');
        return { k: 'delete', name, subs };
      }
      return { k: 'delete', name };
    }
    return { k: 'expr', e: expr() };
  }
  function exprList(): Expr[] {
    const list = [expr(false, true)];
    while (isOp(',')) {
      p++;
      nls();
      list.push(expr(false, true));
    }
    return list;
  }
  function statement(): Stmt {
    const t = peek();
    if (isOp('{')) return { k: 'block', body: block() };
    if (isOp(';')) {
      p++;
      return { k: 'block', body: [] };
    }
    if (t.t === 'kw') {
      switch (t.v) {
        case 'if': {
          p++;
          eat('op', '(');
          const c = expr();
          eat('op', ')');
          const a = simpleOrBlock();
          const save = p;
          terms();
          if (is('kw', 'else')) {
            p++;
            return { k: 'if', c, a, b: simpleOrBlock() };
          }
          p = save;
          return { k: 'if', c, a };
        }
        case 'while': {
          p++;
          eat('op', '(');
          const c = expr();
          eat('op', ')');
          if (isOp(';')) {
            p++;
            return { k: 'while', c, body: { k: 'block', body: [] } };
          }
          return { k: 'while', c, body: simpleOrBlock() };
        }
        case 'do': {
          p++;
          const body = simpleOrBlock();
          terms();
          eat('kw', 'while');
          eat('op', '(');
          const c = expr();
          eat('op', ')');
          endSimple();
          return { k: 'do', c, body };
        }
        case 'for': {
          p++;
          eat('op', '(');
          if (is('name') && peek(1).t === 'kw' && peek(1).v === 'in' && peek(2).t === 'name' && peek(3).t === 'op' && peek(3).v === ')') {
            const v = toks[p++]!.v as string;
            p++;
            const arr = toks[p++]!.v as string;
            p++;
            return { k: 'forin', v, arr, body: simpleOrBlock() };
          }
          const init = isOp(';') ? undefined : simpleStatement();
          eat('op', ';');
          nls();
          const c = isOp(';') ? undefined : expr();
          eat('op', ';');
          nls();
          const step = isOp(')') ? undefined : simpleStatement();
          eat('op', ')');
          if (isOp(';')) {
            p++;
            return { k: 'for', ...(init ? { init } : {}), ...(c ? { c } : {}), ...(step ? { step } : {}), body: { k: 'block', body: [] } };
          }
          return { k: 'for', ...(init ? { init } : {}), ...(c ? { c } : {}), ...(step ? { step } : {}), body: simpleOrBlock() };
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          p++;
          endSimple();
          return { k: t.v } as Stmt;
        case 'exit':
        case 'return': {
          p++;
          const e = isOp(';') || is('nl') || isOp('}') || is('eof') ? undefined : expr();
          endSimple();
          if (t.v === 'return' && !inFunc) throw new AwkSyntaxError('return outside function body', t.line);
          return { k: t.v, ...(e ? { e } : {}) } as Stmt;
        }
      }
    }
    const s = simpleStatement();
    endSimple();
    return s;
  }

  // ── program ──
  terms();
  while (!is('eof')) {
    const t = peek();
    if (t.t === 'kw' && (t.v === 'BEGIN' || t.v === 'END')) {
      p++;
      nls();
      if (!isOp('{')) fail();
      program.rules.push({ kind: t.v === 'BEGIN' ? 'begin' : 'end', action: block() });
    } else if (t.t === 'kw' && t.v === 'function') {
      p++;
      const nameTok = peek();
      if (nameTok.t !== 'funcname' && nameTok.t !== 'name') fail();
      p++;
      eat('op', '(');
      const params: string[] = [];
      while (!isOp(')')) {
        params.push(eat('name').v as string);
        nls();
        if (isOp(',')) {
          p++;
          nls();
        }
      }
      p++;
      nls();
      inFunc = new Set(params);
      program.funcs.set(nameTok.v as string, { name: nameTok.v as string, params, body: block() });
      inFunc = null;
    } else {
      const rule: Rule = { kind: 'main' };
      if (!isOp('{')) {
        const a = expr();
        if (isOp(',')) {
          p++;
          nls();
          rule.range = [a, expr()];
        } else rule.pattern = a;
      }
      if (isOp('{')) rule.action = block();
      program.rules.push(rule);
    }
    terms();
  }
  return program;
}
