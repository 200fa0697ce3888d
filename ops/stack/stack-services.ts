// The services of the local stack, in start order. Each inner list is a chain
// that starts one after the other; chains start side by side (Kafka and HBase
// do not depend on HDFS while HBase keeps its data on the local filesystem;
// with UTOPIA_HBASE_ROOTDIR=hdfs HBase starts after the DataNode).

import type { Config } from '../../common/config';
import type { ServiceSpec } from './service-spec';
import { dataNodeService } from './services/datanode';
import { hbaseService } from './services/hbase';
import { kafkaService } from './services/kafka';
import { nameNodeService } from './services/namenode';

export const startChains: readonly (readonly ServiceSpec[])[] = [[nameNodeService, dataNodeService], [hbaseService], [kafkaService]];

export function startChainsFor(config: Config): readonly (readonly ServiceSpec[])[] {
  return config.stack.hbaseRootdir === 'hdfs' ? [[nameNodeService, dataNodeService, hbaseService], [kafkaService]] : startChains;
}

export const allServices: readonly ServiceSpec[] = [nameNodeService, dataNodeService, hbaseService, kafkaService];

export function serviceNamed(name: string): ServiceSpec | undefined {
  return allServices.find((s) => s.name === name);
}
