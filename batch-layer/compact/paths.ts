// The contract's HDFS paths plus two helpers the batch uses everywhere.

export { landingIndexPath } from '../../common/contract';
export { parentOf as parentOfPath } from '../../common/hdfs';
