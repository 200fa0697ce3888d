"""Distinct detections per day, location and item, read by Spark from the warehouse.

An analyst's starting point (README "For analysts"), also run by the tests:
    python warehouse_counts.py hdfs://127.0.0.1:8020/utopia/warehouse/detections [first-day [last-day]]
prints one JSON object per line: {"dt", "geographical_location_oid", "item_name", "detections"}.
Oids are printed as strings: JSON numbers above 2^53 lose digits in most readers.
"""

import json
import sys

from pyspark.sql import SparkSession, functions as F, types as T

# The warehouse layout: dt=YYYY-MM-DD folders of Parquet parts (files starting
# with _ such as _SUCCESS and _manifest.json are skipped by Spark). An explicit
# schema keeps the int64 columns int64 and dt a string.
SCHEMA = T.StructType([
    T.StructField("detection_oid", T.LongType()),
    T.StructField("geographical_location_oid", T.LongType()),
    T.StructField("geographical_location", T.StringType()),
    T.StructField("video_camera_oid", T.LongType()),
    T.StructField("item_name", T.StringType()),
    T.StructField("timestamp_detected", T.LongType()),  # epoch ms, UTC
    T.StructField("kafka_partition", T.IntegerType()),
    T.StructField("kafka_offset", T.LongType()),
    T.StructField("kafka_timestamp", T.LongType()),
    T.StructField("dt", T.StringType()),
])


def main(argv):
    warehouse = argv[1]
    spark = (SparkSession.builder.appName("utopia-warehouse-counts")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.shuffle.partitions", "4")
             .getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    rows = spark.read.schema(SCHEMA).parquet(warehouse)
    if len(argv) > 2:
        rows = rows.where(F.col("dt") >= argv[2])
    if len(argv) > 3:
        rows = rows.where(F.col("dt") <= argv[3])
    counts = (rows.groupBy("dt", "geographical_location_oid", "item_name")
              .agg(F.countDistinct("detection_oid").alias("detections"))
              .orderBy("dt", "geographical_location_oid", "item_name"))
    for row in counts.toLocalIterator():
        print(json.dumps({"dt": row.dt, "geographical_location_oid": str(row.geographical_location_oid),
                          "item_name": row.item_name, "detections": row.detections}, ensure_ascii=False))
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
