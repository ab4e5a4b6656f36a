// The Universal Resolver's entry points and errors (ENSIP-10, ENSIP-19, ENSIP-21) and the resolver
// profiles Latchkey reads, as viem's getEnsAddress, getEnsName and getEnsText declare them
// (viem/_esm/constants/abis.js, which viem does not export). JSON, not parseAbi: the ENS chunks
// need no ABI parser.

const universalResolverErrors = [
  { type: 'error', name: 'DNSDecodingFailed', inputs: [{ name: 'dns', type: 'bytes' }] },
  { type: 'error', name: 'DNSEncodingFailed', inputs: [{ name: 'ens', type: 'string' }] },
  { type: 'error', name: 'EmptyAddress', inputs: [] },
  { type: 'error', name: 'HttpError', inputs: [{ name: 'status', type: 'uint16' }, { name: 'message', type: 'string' }] },
  { type: 'error', name: 'InvalidBatchGatewayResponse', inputs: [] },
  { type: 'error', name: 'ResolverError', inputs: [{ name: 'errorData', type: 'bytes' }] },
  { type: 'error', name: 'ResolverNotContract', inputs: [{ name: 'name', type: 'bytes' }, { name: 'resolver', type: 'address' }] },
  { type: 'error', name: 'ResolverNotFound', inputs: [{ name: 'name', type: 'bytes' }] },
  { type: 'error', name: 'ReverseAddressMismatch', inputs: [{ name: 'primary', type: 'string' }, { name: 'primaryAddress', type: 'bytes' }] },
  { type: 'error', name: 'UnsupportedResolverProfile', inputs: [{ name: 'selector', type: 'bytes4' }] },
] as const

export const universalResolverResolveAbi = [
  ...universalResolverErrors,
  {
    type: 'function', name: 'resolveWithGateways', stateMutability: 'view',
    inputs: [{ name: 'name', type: 'bytes' }, { name: 'data', type: 'bytes' }, { name: 'gateways', type: 'string[]' }],
    outputs: [{ name: '', type: 'bytes' }, { name: 'address', type: 'address' }],
  },
] as const

export const universalResolverReverseAbi = [
  ...universalResolverErrors,
  {
    type: 'function', name: 'reverseWithGateways', stateMutability: 'view',
    inputs: [{ name: 'reverseName', type: 'bytes' }, { name: 'coinType', type: 'uint256' }, { name: 'gateways', type: 'string[]' }],
    outputs: [{ name: 'resolvedName', type: 'string' }, { name: 'resolver', type: 'address' }, { name: 'reverseResolver', type: 'address' }],
  },
] as const

/** ENSIP-21's batch gateway, which the Universal Resolver asks through `x-batch-gateway:true`. */
export const batchGatewayAbi = [
  {
    type: 'function', name: 'query', stateMutability: 'view',
    inputs: [{ name: 'queries', type: 'tuple[]', components: [{ name: 'sender', type: 'address' }, { name: 'urls', type: 'string[]' }, { name: 'data', type: 'bytes' }] }],
    outputs: [{ name: 'failures', type: 'bool[]' }, { name: 'responses', type: 'bytes[]' }],
  },
  { type: 'error', name: 'HttpError', inputs: [{ name: 'status', type: 'uint16' }, { name: 'message', type: 'string' }] },
] as const

export const addressResolverAbi = [
  { type: 'function', name: 'addr', stateMutability: 'view', inputs: [{ name: 'name', type: 'bytes32' }], outputs: [{ name: '', type: 'address' }] },
] as const

export const textResolverAbi = [
  { type: 'function', name: 'text', stateMutability: 'view', inputs: [{ name: 'name', type: 'bytes32' }, { name: 'key', type: 'string' }], outputs: [{ name: '', type: 'string' }] },
] as const

export const contenthashResolverAbi = [
  { type: 'function', name: 'contenthash', stateMutability: 'view', inputs: [{ name: 'node', type: 'bytes32' }], outputs: [{ name: '', type: 'bytes' }] },
] as const
