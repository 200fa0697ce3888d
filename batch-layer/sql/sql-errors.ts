// Failures of a SQL engine: a statement that failed (the day is aborted, the
// warehouse untouched), or an engine that cannot be installed or started.

import { UtopiaError } from '../../common/errors';

export class SqlEngineError extends UtopiaError {}
