export { csvField, csvLine, toCsv, type CsvOptions, type CsvValue } from './csv-writer';
