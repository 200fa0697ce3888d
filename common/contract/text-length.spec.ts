import { expect } from 'chai';
import { checkText, codePointLength } from './text-length';

describe('text length', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('')).to.equal(0);
    expect(codePointLength('abc')).to.equal(3);
    expect(codePointLength('車')).to.equal(1);
    expect(codePointLength('😀')).to.equal(1);
    expect(codePointLength('a😀b𝄞')).to.equal(4);
    expect(codePointLength('👨‍👩‍👧')).to.equal(5); // 3 emoji joined by 2 ZWJ
  });

  it('returns -1 for lone surrogates anywhere', () => {
    for (const bad of ['\ud800', '\udc00', '\udc00\udc00', 'a\ud800', '\ud800a', '\udc00\ud800', '😀\ud83d']) {
      expect(codePointLength(bad), JSON.stringify(bad)).to.equal(-1);
    }
  });

  it('checks 1..max', () => {
    expect(checkText('', 3)).to.equal('empty');
    expect(checkText('😀😀😀', 3)).to.equal('ok');
    expect(checkText('😀😀😀😀', 3)).to.equal('too_long');
    expect(checkText('abcd', 3)).to.equal('too_long');
    expect(checkText('x'.repeat(100), 3)).to.equal('too_long');
    expect(checkText('a\udfff', 3)).to.equal('ill_formed');
  });
});
