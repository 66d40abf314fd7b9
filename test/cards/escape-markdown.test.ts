import assert from 'node:assert/strict';
import { escapeMarkdown } from '../../cards/escape-markdown';

describe('escapeMarkdown', () => {
  it('leaves ordinary Danish text alone', () => {
    assert.equal(escapeMarkdown('Kendskab til Erhvervshus Sydjylland – 37 % i år, ½ æøå'), 'Kendskab til Erhvervshus Sydjylland – 37 % i år, ½ æøå');
  });

  it('escapes links and emphasis (the markdown Adaptive Cards understand), and leaves parentheses alone', () => {
    assert.equal(escapeMarkdown('[klik](https://evil.example)'), '\\[klik\\](https://evil.example)');
    assert.equal(escapeMarkdown('**fed** _kursiv_ `kode`'), '\\*\\*fed\\*\\* \\_kursiv\\_ `kode`');
    assert.equal(escapeMarkdown('Net Promoter Score (NPS)'), 'Net Promoter Score (NPS)');
  });

  it('escapes a backslash first, so it cannot undo an escape', () => {
    assert.equal(escapeMarkdown('\\[x]'), '\\\\\\[x\\]');
  });

  it('neutralises list markers at the start of every line only', () => {
    assert.equal(escapeMarkdown('- punkt'), '\\- punkt');
    assert.equal(escapeMarkdown('+ punkt'), '\\+ punkt');
    assert.equal(escapeMarkdown('1. punkt'), '1\\. punkt');
    assert.equal(escapeMarkdown('linje\n  - punkt\n12. nr'), 'linje\n  \\- punkt\n12\\. nr');
    assert.equal(escapeMarkdown('a - b, 1. c'), 'a - b, 1. c');
    assert.equal(escapeMarkdown('1.234 teams'), '1.234 teams');
  });

  it('breaks up autolinks (a URL or an e-mail address in angle brackets), so Teams shows them as text', () => {
    assert.equal(escapeMarkdown('<https://evil.example/login>'), '\\<https://evil.example/login>');
    assert.equal(escapeMarkdown('skriv til <boss@evil.example>'), 'skriv til \\<boss@evil.example>');
    assert.equal(escapeMarkdown('værdi > 5 og < 9'), 'værdi > 5 og \\< 9');
  });

  it('breaks up template expressions', () => {
    const out = escapeMarkdown('${$root.secret} og ${x}');
    assert.equal(out.includes('${'), false);
    assert.equal(out, '$\\{$root.secret} og $\\{x}');
  });

  it('leaves the Unicode minus of formatted numbers alone', () => {
    assert.equal(escapeMarkdown('\u22122 procentpoint'), '\u22122 procentpoint');
  });
});
