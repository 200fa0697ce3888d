// Public surface of the reference reader: the current Dataset B version and its names, for every layer.

export { CurrentReference, NO_REFERENCE, readReferenceNames, readReferenceVersion, type ReferenceSnapshot } from './current-reference';
