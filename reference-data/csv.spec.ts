import { expect } from 'chai';
import { formatCsvField, parseCsv } from './csv';

describe('parseCsv', () => {
  it("reads quoted fields with commas, quotes and line breaks, keeping each record's first line", () => {
    const records = parseCsv('\ufeffa,b\r\n1,"x, ""y"""\n2,"multi\nline"\n3,z');
    expect(records).to.deep.equal([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x, "y"'] },
      { line: 3, fields: ['2', 'multi\nline'] },
      { line: 5, fields: ['3', 'z'] },
    ]);
  });

  it('round-trips formatted fields and refuses an unclosed quote', () => {
    expect(parseCsv(`${formatCsvField('a "b", c')}\n`)[0]?.fields).to.deep.equal(['a "b", c']);
    expect(() => parseCsv('"open')).to.throw(/not closed/);
  });
});
