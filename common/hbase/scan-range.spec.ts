import { expect } from 'chai';
import { prefixEnd, rowVerdict, scanBounds } from './scan-range';

const b = (hex: string): Buffer => Buffer.from(hex, 'hex');

describe('scan-range', () => {
  it('prefixEnd increments the last byte that is not 0xff and drops the rest', () => {
    expect(prefixEnd(b('0102'))).to.deep.equal(b('0103'));
    expect(prefixEnd(b('01ff'))).to.deep.equal(b('02'));
    expect(prefixEnd(b('ffff'))).to.equal(undefined);
  });

  it('intersects a prefix with start and stop', () => {
    expect(scanBounds({ prefix: b('10') })).to.deep.equal({ start: b('10'), stop: b('11') });
    expect(scanBounds({ prefix: b('10'), start: b('1005'), stop: b('20') })).to.deep.equal({ start: b('1005'), stop: b('11') });
    expect(scanBounds({ prefix: b('10'), reversed: true })).to.deep.equal({ start: b('11'), stop: undefined });
  });

  it('skips rows after a reversed prefix and ends below it', () => {
    const options = { prefix: b('10'), reversed: true };
    expect(rowVerdict(b('11'), options)).to.equal('skip');
    expect(rowVerdict(b('10ff'), options)).to.equal('take');
    expect(rowVerdict(b('0fff'), options)).to.equal('end');
    expect(rowVerdict(b('11'), { prefix: b('10') })).to.equal('end');
    expect(rowVerdict(b('99'), {})).to.equal('take');
  });
});
