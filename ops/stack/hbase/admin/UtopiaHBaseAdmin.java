// Admin operations on HBase through its own Java Admin API (the hbase-shell artifact is
// not published on Maven Central for 2.5/2.6, and hbase-rpc-client has no admin calls).
//
// Usage: java -cp <classes>:<hbase lib>/* UtopiaHBaseAdmin [quorum [port [znodeParent]]]
// (defaults from HBASE_ZK_QUORUM, HBASE_ZK_PORT, HBASE_ZK_PARENT, else 127.0.0.1 2181 /hbase).
// stdin: a JSON array of operations; stdout: one JSON object per operation, in order,
// {"op":..., "ok":true, ...} or {"op":..., "ok":false, "error":"...", "errorClass":"..."}.
// Row keys (splits, region boundaries) are hex strings because they are binary.
// Logging goes to stderr so stdout stays machine-readable.

import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.ClusterMetrics;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.HRegionLocation;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceExistException;
import org.apache.hadoop.hbase.NamespaceNotFoundException;
import org.apache.hadoop.hbase.ServerName;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.RegionInfo;
import org.apache.hadoop.hbase.client.RegionLocator;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hbase.thirdparty.com.google.gson.JsonArray;
import org.apache.hbase.thirdparty.com.google.gson.JsonElement;
import org.apache.hbase.thirdparty.com.google.gson.JsonObject;
import org.apache.hbase.thirdparty.com.google.gson.JsonParser;

public final class UtopiaHBaseAdmin {
  private static final long WAIT_MS = 60_000;

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    System.setOut(System.err); // anything HBase prints must not corrupt our JSON lines
    Configuration conf = HBaseConfiguration.create();
    conf.set(HConstants.ZOOKEEPER_QUORUM, arg(args, 0, "HBASE_ZK_QUORUM", "127.0.0.1"));
    conf.set(HConstants.ZOOKEEPER_CLIENT_PORT, arg(args, 1, "HBASE_ZK_PORT", "2181"));
    conf.set(HConstants.ZOOKEEPER_ZNODE_PARENT, arg(args, 2, "HBASE_ZK_PARENT", "/hbase"));
    conf.setInt(HConstants.HBASE_CLIENT_RETRIES_NUMBER, 5);
    JsonArray ops = JsonParser.parseReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).getAsJsonArray();
    try (Connection connection = ConnectionFactory.createConnection(conf); Admin admin = connection.getAdmin()) {
      for (JsonElement element : ops) {
        JsonObject op = element.getAsJsonObject();
        JsonObject result = new JsonObject();
        result.addProperty("op", str(op, "op"));
        try {
          run(connection, admin, op, result);
          result.addProperty("ok", true);
        } catch (Exception e) {
          result.addProperty("ok", false);
          result.addProperty("error", String.valueOf(e.getMessage()));
          result.addProperty("errorClass", e.getClass().getName());
        }
        out.println(result);
      }
    }
  }

  private static void run(Connection connection, Admin admin, JsonObject op, JsonObject result) throws Exception {
    switch (str(op, "op")) {
      case "ping": {
        ClusterMetrics metrics = admin.getClusterMetrics();
        result.addProperty("clusterId", metrics.getClusterId());
        result.addProperty("liveServers", metrics.getLiveServerMetrics().size());
        result.addProperty("metaRegions", connection.getRegionLocator(TableName.META_TABLE_NAME).getAllRegionLocations().size());
        return;
      }
      case "createNamespace": {
        try {
          admin.createNamespace(NamespaceDescriptor.create(str(op, "namespace")).build());
          result.addProperty("created", true);
        } catch (NamespaceExistException e) {
          result.addProperty("created", false);
        }
        return;
      }
      case "deleteNamespace": {
        try {
          admin.deleteNamespace(str(op, "namespace"));
          result.addProperty("deleted", true);
        } catch (NamespaceNotFoundException e) {
          result.addProperty("deleted", false);
        }
        return;
      }
      case "createTable": createTable(admin, op, result); return;
      case "deleteTable": {
        TableName table = TableName.valueOf(str(op, "table"));
        boolean exists = admin.tableExists(table);
        if (exists) {
          if (admin.isTableEnabled(table)) admin.disableTable(table);
          admin.deleteTable(table);
        }
        result.addProperty("deleted", exists);
        return;
      }
      case "split": split(connection, admin, op, result); return;
      case "regions": result.add("regions", regions(connection, TableName.valueOf(str(op, "table")))); return;
      case "move": {
        byte[] encoded = Bytes(str(op, "region"));
        if (op.has("server")) admin.move(encoded, ServerName.valueOf(str(op, "server")));
        else admin.move(encoded);
        return;
      }
      case "flush": admin.flush(TableName.valueOf(str(op, "table"))); return;
      case "listTables": {
        JsonArray names = new JsonArray();
        TableName[] tables = op.has("namespace") ? admin.listTableNamesByNamespace(str(op, "namespace")) : admin.listTableNames();
        for (TableName t : tables) names.add(t.getNameAsString());
        result.add("tables", names);
        return;
      }
      default: throw new IllegalArgumentException("unknown op " + str(op, "op"));
    }
  }

  private static void createTable(Admin admin, JsonObject op, JsonObject result) throws Exception {
    TableName table = TableName.valueOf(str(op, "table"));
    List<ColumnFamilyDescriptor> families = new ArrayList<>();
    for (JsonElement f : op.getAsJsonArray("families")) {
      JsonObject family = f.getAsJsonObject();
      ColumnFamilyDescriptorBuilder builder = ColumnFamilyDescriptorBuilder.newBuilder(Bytes(str(family, "name")));
      if (family.has("versions")) builder.setMaxVersions(family.get("versions").getAsInt());
      if (family.has("ttlSeconds")) builder.setTimeToLive(family.get("ttlSeconds").getAsInt());
      families.add(builder.build());
    }
    if (admin.tableExists(table)) {
      // Idempotent: an existing table only gains the families it lacks; splits are ignored.
      TableDescriptor existing = admin.getDescriptor(table);
      JsonArray added = new JsonArray();
      for (ColumnFamilyDescriptor family : families) {
        if (!existing.hasColumnFamily(family.getName())) {
          admin.addColumnFamily(table, family);
          added.add(family.getNameAsString());
        }
      }
      result.addProperty("created", false);
      result.add("addedFamilies", added);
      return;
    }
    TableDescriptorBuilder builder = TableDescriptorBuilder.newBuilder(table);
    for (ColumnFamilyDescriptor family : families) builder.setColumnFamily(family);
    byte[][] splits = new byte[0][];
    if (op.has("splits")) {
      JsonArray hex = op.getAsJsonArray("splits");
      splits = new byte[hex.size()][];
      for (int i = 0; i < hex.size(); i++) splits[i] = fromHex(hex.get(i).getAsString());
    }
    if (splits.length > 0) admin.createTable(builder.build(), splits);
    else admin.createTable(builder.build());
    result.addProperty("created", true);
  }

  /** Asks for a split and waits until the table has more online regions than before. */
  private static void split(Connection connection, Admin admin, JsonObject op, JsonObject result) throws Exception {
    TableName table = TableName.valueOf(str(op, "table"));
    int before = onlineRegions(connection, table);
    if (op.has("splitPoint")) admin.split(table, fromHex(str(op, "splitPoint")));
    else admin.split(table);
    long deadline = System.currentTimeMillis() + WAIT_MS;
    int after = before;
    while ((after = onlineRegions(connection, table)) <= before) {
      if (System.currentTimeMillis() > deadline) throw new java.util.concurrent.TimeoutException("split of " + table + " not done after " + WAIT_MS + " ms");
      Thread.sleep(200);
    }
    result.addProperty("regionsBefore", before);
    result.addProperty("regionsAfter", after);
  }

  private static int onlineRegions(Connection connection, TableName table) throws Exception {
    int count = 0;
    try (RegionLocator locator = connection.getRegionLocator(table)) {
      for (HRegionLocation location : locator.getAllRegionLocations()) {
        RegionInfo region = location.getRegion();
        if (!region.isOffline() && !region.isSplit() && location.getServerName() != null) count++;
      }
    }
    return count;
  }

  private static JsonArray regions(Connection connection, TableName table) throws Exception {
    JsonArray regions = new JsonArray();
    try (RegionLocator locator = connection.getRegionLocator(table)) {
      locator.clearRegionLocationCache();
      for (HRegionLocation location : locator.getAllRegionLocations()) {
        RegionInfo region = location.getRegion();
        JsonObject o = new JsonObject();
        o.addProperty("name", region.getRegionNameAsString());
        o.addProperty("encodedName", region.getEncodedName());
        o.addProperty("startKey", toHex(region.getStartKey()));
        o.addProperty("endKey", toHex(region.getEndKey()));
        o.addProperty("server", location.getServerName() == null ? null : location.getServerName().toString());
        regions.add(o);
      }
    }
    return regions;
  }

  private static String str(JsonObject o, String key) {
    JsonElement value = o.get(key);
    if (value == null || value.isJsonNull()) throw new IllegalArgumentException("missing \"" + key + "\"");
    return value.getAsString();
  }

  private static String arg(String[] args, int index, String env, String fallback) {
    if (args.length > index && !args[index].isEmpty()) return args[index];
    String value = System.getenv(env);
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static byte[] Bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] fromHex(String hex) {
    if (hex.length() % 2 != 0) throw new IllegalArgumentException("odd-length hex " + hex);
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    return bytes;
  }

  private static String toHex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) sb.append(String.format("%02x", b));
    return sb.toString();
  }
}
