// JVM flags shared by the stack's services. JDK 17 closes internals that
// Hadoop and HBase still reach into; this is the set HBase's own launcher adds.

const opens = [
  'java.base/java.io',
  'java.base/java.nio',
  'java.base/sun.nio.ch',
  'java.base/java.lang',
  'java.base/jdk.internal.ref',
  'java.base/java.lang.reflect',
  'java.base/java.util',
  'java.base/java.util.concurrent',
  'java.base/jdk.internal.util.random',
  'java.base/sun.security.x509',
  'java.base/sun.security.util',
  'java.base/java.net',
];

const exportsList = [
  'java.base/jdk.internal.misc',
  'java.security.jgss/sun.security.krb5',
  'java.base/sun.net.dns',
  'java.base/sun.net.util',
];

export const jdk17Flags: readonly string[] = [
  '-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true',
  '--add-modules',
  'jdk.unsupported',
  ...opens.flatMap((pkg) => ['--add-opens', `${pkg}=ALL-UNNAMED`]),
  ...exportsList.flatMap((pkg) => ['--add-exports', `${pkg}=ALL-UNNAMED`]),
];

/** Marks a JVM as a service of this stack, so `down` finds it even without its pid file. */
export function serviceMarker(home: string, service: string): string[] {
  return [`-Dutopia.home=${home}`, `-Dutopia.service=${service}`];
}

export function javaBin(): string {
  return process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
}
