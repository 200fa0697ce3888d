import { expect } from 'chai';
import { CountAddressBook } from './count-address-book';
import { eventCountAddresses } from './count-addresses';

describe('CountAddressBook', () => {
  it('answers what eventCountAddresses builds, and the same objects for the same minute', () => {
    const book = new CountAddressBook('p3');
    const minute = Date.UTC(2026, 10, 22, 23, 59);
    const cases: [bigint, number, string][] = [
      [7n, minute, 'car'],
      [7n, minute + 59_999, 'car'],
      [7n, minute + 60_000, 'car'], // the next day
      [8n, minute, 'car'],
      [7n, minute, '自転車 🚲|x'],
      [2n ** 63n - 1n, 0, 'bus'],
    ];
    for (const [location, ts, item] of cases)
      expect(book.addresses(location, ts, item)).to.deep.equal(eventCountAddresses(location, ts, item, 'p3'));
    expect(book.addresses(7n, minute + 1, 'car')).to.equal(book.addresses(7n, minute + 2, 'car'));
    expect(book.addresses(7n, minute, 'car')[6]).to.equal(book.addresses(8n, minute, 'car')[6]); // location 0 shared
  });
});
