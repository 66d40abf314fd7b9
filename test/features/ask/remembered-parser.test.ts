import assert from 'node:assert/strict';
import { rememberedParser } from '../../../features/ask/answer-question';
import { parseQuestion } from '../../../features/ask/parse-question';
import { questionContract } from '../../fixtures/question-contract';
import { questionCases } from './question-cases';

describe('rememberedParser (features/ask/answer-question.ts)', () => {
  const counting = () => {
    const texts: string[] = [];
    return { texts, parse: ((text, contract) => (texts.push(text), parseQuestion(text, contract))) as typeof parseQuestion };
  };

  it('answers every question of the table exactly as parseQuestion does, the first time and again', () => {
    const parse = rememberedParser();
    for (const [input] of questionCases.slice(0, 200)) {
      const expected = parseQuestion(input, questionContract);
      assert.deepEqual(parse(input, questionContract), expected, input);
      assert.deepEqual(parse(input, questionContract), expected, `${input} (again)`);
    }
  });

  it('parses a short text once per contract and hands the parse out frozen; a long text every time', () => {
    const { texts, parse: inner } = counting();
    const parse = rememberedParser(inner);
    const first = parse('status mål 4?', questionContract);
    assert.equal(parse('status mål 4?', questionContract), first);
    assert.ok(Object.isFrozen(first));
    assert.deepEqual(texts, ['status mål 4?']);
    const otherYear = { ...questionContract, goals: [...questionContract.goals] };
    parse('status mål 4?', otherYear);
    assert.equal(texts.length, 2, 'another contract is parsed for itself');
    const long = `status mål 4 ${'x'.repeat(300)}`;
    parse(long, questionContract);
    parse(long, questionContract);
    assert.equal(texts.length, 4, 'a long text is not kept');
  });
});
