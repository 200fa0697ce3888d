// HTTP guards shared by the serving API and the HTTP ingest: loopback rules,
// the Host/Origin allow-list, API keys with roles, and the exposure check.

export { isLoopbackAddress, isLoopbackHost, isWildcardHost } from './loopback';
export { allowedHosts, hostProblem, type AllowedHosts } from './allowed-hosts';
export { KeyRing, presentedKey, type Caller, type KeysByRole, type Role } from './key-ring';
export { checkExposure, type ExposureInput } from './exposure';
