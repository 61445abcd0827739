import { JqlError, type JqlClause, type JqlExpr, type JqlFieldRef, type JqlOperand, type JqlOperator, type JqlOrderBy, type JqlQuery } from './jql.ast.js';
import { tokenizeJql, type JqlToken } from './jql.tokenizer.js';

/** Operators Jira has that the emulator deliberately rejects instead of answering wrongly. */
const UNSUPPORTED_OPERATORS = new Set(['WAS', 'CHANGED']);
const RESERVED = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'EMPTY', 'NULL', 'ORDER', 'BY', 'ASC', 'DESC', 'WAS', 'CHANGED']);

/**
 * Recursive-descent parser for the JQL subset documented in ./README.md.
 *
 *   query   := or? (ORDER BY sort (',' sort)*)? EOF
 *   or      := and ((OR | '||') and)*
 *   and     := not ((AND | '&&') not)*
 *   not     := (NOT | '!') not | '(' or ')' | clause
 *   clause  := field operator operand
 *   operand := EMPTY | NULL | value | function | '(' operand (',' operand)* ')'
 */
export function parseJql(input: string): JqlQuery {
  return new Parser(input).parseQuery();
}

class Parser {
  private readonly tokens: JqlToken[];
  private index = 0;

  constructor(private readonly input: string) {
    this.tokens = tokenizeJql(input);
  }

  parseQuery(): JqlQuery {
    let where: JqlExpr | undefined;
    if (!this.isKeyword('ORDER') && this.peek().type !== 'eof') where = this.parseOr();
    const orderBy: JqlOrderBy[] = [];
    if (this.isKeyword('ORDER')) {
      this.next();
      this.expectKeyword('BY');
      do {
        const field = this.parseField();
        let direction: 'ASC' | 'DESC' = 'ASC';
        if (this.isKeyword('ASC') || this.isKeyword('DESC')) direction = this.next().text.toUpperCase() as 'ASC' | 'DESC';
        orderBy.push({ field, direction });
      } while (this.accept(','));
    }
    if (this.peek().type !== 'eof') this.fail(`Expecting either 'OR' or 'AND' but got '${this.peek().text}'.`);
    return { where, orderBy };
  }

  private parseOr(): JqlExpr {
    const items = [this.parseAnd()];
    while (this.isKeyword('OR') || this.isOp('||')) {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 && items[0] !== undefined ? items[0] : { kind: 'or', items };
  }

  private parseAnd(): JqlExpr {
    const items = [this.parseNot()];
    while (this.isKeyword('AND') || this.isOp('&&')) {
      this.next();
      items.push(this.parseNot());
    }
    return items.length === 1 && items[0] !== undefined ? items[0] : { kind: 'and', items };
  }

  private parseNot(): JqlExpr {
    if (this.isKeyword('NOT') || this.isOp('!')) {
      this.next();
      return { kind: 'not', expr: this.parseNot() };
    }
    if (this.accept('(')) {
      const expr = this.parseOr();
      this.expect(')');
      return expr;
    }
    return this.parseClause();
  }

  private parseClause(): JqlClause {
    const field = this.parseField();
    const operator = this.parseOperator();
    const operand = this.parseOperand(operator);
    return { kind: 'clause', field, operator, operand };
  }

  private parseField(): JqlFieldRef {
    const token = this.next();
    if (token.type === 'string') return { kind: 'field', name: token.text };
    if (token.type !== 'word' || RESERVED.has(token.text.toUpperCase())) {
      this.fail(`Expecting a field name but got '${token.text || 'end of query'}'.`, token);
    }
    const lower = token.text.toLowerCase();
    if (lower === 'issue.property' && this.accept('[')) {
      const key = this.next();
      if (key.type !== 'word' && key.type !== 'string') this.fail('Expecting a property key in issue.property[...].', key);
      this.expect(']');
      const path = this.next();
      if (path.type !== 'word' || !path.text.startsWith('.') || path.text.length < 2) {
        this.fail('Expecting a property path like issue.property[key].path.', path);
      }
      return { kind: 'property', key: key.text, path: path.text.slice(1) };
    }
    if (lower === 'cf' && this.accept('[')) {
      const id = this.next();
      this.expect(']');
      return { kind: 'field', name: `customfield_${id.text}` };
    }
    if (/\.property$/i.test(token.text) || lower.includes('[')) this.fail(`The field '${token.text}' is not supported by the emulator.`, token);
    return { kind: 'field', name: token.text };
  }

  private parseOperator(): JqlOperator {
    const token = this.next();
    if (token.type === 'op' && ['=', '!=', '~', '!~', '>', '>=', '<', '<='].includes(token.text)) return token.text as JqlOperator;
    const upper = token.text.toUpperCase();
    if (token.type === 'word' && upper === 'IN') return 'IN';
    if (token.type === 'word' && upper === 'NOT') {
      this.expectKeyword('IN');
      return 'NOT IN';
    }
    if (token.type === 'word' && upper === 'IS') {
      if (this.isKeyword('NOT')) {
        this.next();
        return 'IS NOT';
      }
      return 'IS';
    }
    if (token.type === 'word' && UNSUPPORTED_OPERATORS.has(upper)) {
      throw new JqlError(`The JQL operator '${upper}' is not supported by the Firebreak sandbox (history search is not emulated).`);
    }
    return this.fail(`Expecting operator but got '${token.text || 'end of query'}'. Valid operators are '=', '!=', '~', '!~', '<', '>', '<=', '>=', 'IN', 'NOT IN', 'IS' and 'IS NOT'.`, token);
  }

  private parseOperand(operator: JqlOperator): JqlOperand {
    if (operator === 'IN' || operator === 'NOT IN') {
      if (this.peek().type !== '(') return this.parseSingleOperand();
      this.expect('(');
      const items: JqlOperand[] = [this.parseSingleOperand()];
      while (this.accept(',')) items.push(this.parseSingleOperand());
      this.expect(')');
      return { kind: 'list', items };
    }
    return this.parseSingleOperand();
  }

  private parseSingleOperand(): JqlOperand {
    const token = this.next();
    if (token.type === 'string') return { kind: 'value', value: token.text, quoted: true };
    if (token.type !== 'word') return this.fail(`Expecting either a value, list or function but got '${token.text || 'end of query'}'.`, token);
    const upper = token.text.toUpperCase();
    if (upper === 'EMPTY' || upper === 'NULL') return { kind: 'empty' };
    if (RESERVED.has(upper)) this.fail(`Expecting either a value, list or function but got '${token.text}'.`, token);
    if (this.accept('(')) {
      const args: string[] = [];
      if (!this.accept(')')) {
        do {
          const arg = this.next();
          if (arg.type !== 'word' && arg.type !== 'string') this.fail(`Expecting a function argument but got '${arg.text}'.`, arg);
          args.push(arg.text);
        } while (this.accept(','));
        this.expect(')');
      }
      return { kind: 'function', name: token.text, args };
    }
    return { kind: 'value', value: token.text, quoted: false };
  }

  // --- token helpers ----------------------------------------------------------
  private peek(): JqlToken {
    return this.tokens[this.index] ?? { type: 'eof', text: '', pos: this.input.length };
  }

  private next(): JqlToken {
    const token = this.peek();
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private accept(type: JqlToken['type']): boolean {
    if (this.peek().type !== type) return false;
    this.index++;
    return true;
  }

  private expect(type: JqlToken['type']): void {
    if (!this.accept(type)) this.fail(`Expecting '${type}' but got '${this.peek().text || 'end of query'}'.`);
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.type === 'word' && t.text.toUpperCase() === word;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.text === op;
  }

  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) this.fail(`Expecting '${word}' but got '${this.peek().text || 'end of query'}'.`);
    this.next();
  }

  private fail(message: string, token: JqlToken = this.peek()): never {
    throw new JqlError(`Error in the JQL Query: ${message} (line 1, character ${token.pos + 1})`);
  }
}
