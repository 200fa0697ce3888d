# The PySpark peer of the batch benchmark: the contract's top-X over the same
# landing Parquet files, in local mode on this machine. Prints JSON timings.
import json, sys, time
t0 = time.time()
from pyspark.sql import SparkSession, functions as F, Window
landing, locations, out, x = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
spark = (SparkSession.builder.master('local[*]').appName('utopia-top-items-peer')
         .config('spark.driver.memory', '2g').config('spark.sql.shuffle.partitions', '8').config('spark.ui.enabled', 'false').getOrCreate())
spark.sparkContext.setLogLevel('ERROR')
t1 = time.time()
d = spark.read.parquet(landing)
# First occurrence wins, then the top-X: as the batch does.
first = Window.partitionBy('detection_oid').orderBy('kafka_partition', 'kafka_offset')
dedup = d.withColumn('rn', F.row_number().over(first)).where('rn = 1').drop('rn')
counted = dedup.groupBy('geographical_location_oid', 'item_name').agg(F.countDistinct('detection_oid').alias('item_count'))
ranked = counted.withColumn('item_rank', F.row_number().over(Window.partitionBy('geographical_location_oid').orderBy(F.desc('item_count'), F.asc('item_name')))).where(F.col('item_rank') <= x)
loc = spark.read.parquet(locations)
result = ranked.join(loc, 'geographical_location_oid', 'left').select('geographical_location', 'item_rank', 'item_name', 'geographical_location_oid', 'item_count')
result.write.mode('overwrite').parquet(out)
t2 = time.time()
rows = spark.read.parquet(out).count()
spark.stop()
print(json.dumps({'startupSeconds': t1 - t0, 'jobSeconds': t2 - t1, 'totalSeconds': time.time() - t0, 'topRows': rows}))
