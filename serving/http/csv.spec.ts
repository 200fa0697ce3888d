import { expect } from 'chai';
import { toCsv } from './csv';

describe('csv', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], [12n, null], ['=SUM(A1)', 'ok']])).to.equal('a,b\r\n"x,y","say ""hi"""\r\n12,\r\n\'=SUM(A1),ok\r\n');
  });
});
