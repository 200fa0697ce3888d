// A whole small-to-medium file's columns at once: every row group decoded and
// concatenated. For large files iterate row groups with openParquet instead.

import { openParquet, type DecodedValue, type ParquetFooter } from './parquet-reader';

export async function readParquetColumns(
  buffer: Buffer,
  columns?: readonly string[],
  what?: string,
): Promise<{ footer: ParquetFooter; columns: Map<string, DecodedValue[]> }> {
  const file = await openParquet(buffer, what);
  try {
    const out = new Map<string, DecodedValue[]>();
    for (let g = 0; g < file.footer.rowGroups.length; g++) {
      const group = await file.readRowGroup(g, columns);
      for (const [name, values] of group) {
        const all = out.get(name);
        if (all) for (const v of values) all.push(v);
        else out.set(name, values);
      }
    }
    for (const info of file.footer.columns) if ((!columns || columns.includes(info.name)) && !out.has(info.name)) out.set(info.name, []);
    return { footer: file.footer, columns: out };
  } finally {
    await file.close();
  }
}
