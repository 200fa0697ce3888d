export { createProgress, type Progress, type ProgressOptions } from './progress';
export { formatDuration, progressFigures, progressLine, type ProgressState } from './progress-line';
