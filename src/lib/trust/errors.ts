import { BaseError } from '../errors.ts'

/** The parameters a `#/connect` link may carry. */
export const linkParameters = ['network', 'beacon', 'rpc', 'checkpoint', 'ens', 'ethusd'] as const
export type LinkParameter = (typeof linkParameters)[number]

/** A link carries a parameter this copy does not know: refused rather than ignored, so nothing is dropped silently. */
export class UnknownLinkParameterError extends BaseError {
  override name = 'UnknownLinkParameterError' as const
  parameter: string
  constructor({ parameter }: { parameter: string }) {
    super(`The link has a parameter this copy does not know: "${parameter}". A link may carry ${linkParameters.join(', ')}.`)
    this.parameter = parameter
  }
}

/** A parameter that may appear once appears again, or the same endpoint is named twice. */
export class DuplicateLinkParameterError extends BaseError {
  override name = 'DuplicateLinkParameterError' as const
  parameter: LinkParameter
  value: string | undefined
  constructor({ parameter, value }: { parameter: LinkParameter; value?: string }) {
    const what = parameter === 'beacon' ? 'beacon API' : parameter === 'rpc' ? 'RPC' : parameter
    super(value === undefined ? `The link gives "${parameter}" more than once.` : `The link names the same ${what} twice: ${value}.`)
    this.parameter = parameter
    this.value = value
  }
}

/** A parameter the link needs is absent. */
export class MissingLinkParameterError extends BaseError {
  override name = 'MissingLinkParameterError' as const
  parameter: LinkParameter
  constructor({ parameter, reason }: { parameter: LinkParameter; reason: string }) {
    super(`The link has no "${parameter}": ${reason}`)
    this.parameter = parameter
  }
}

/** An endpoint in a link is not an http(s) URL this copy can use. */
export class InvalidEndpointUrlError extends BaseError {
  override name = 'InvalidEndpointUrlError' as const
  parameter: 'beacon' | 'rpc'
  url: string
  constructor({ parameter, url, reason }: { parameter: 'beacon' | 'rpc'; url: string; reason: string }) {
    super(`The ${parameter === 'beacon' ? 'beacon API' : 'RPC'} "${url}" cannot be used: ${reason}.`)
    this.parameter = parameter
    this.url = url
  }
}

/** A checkpoint that is not a 32-byte block root. */
export class InvalidCheckpointError extends BaseError {
  override name = 'InvalidCheckpointError' as const
  value: string
  constructor({ value }: { value: string }) {
    super(`The checkpoint "${value}" is not a 32-byte block root (0x and 64 hex digits).`)
    this.value = value
  }
}

/** A network id that is empty, too long or has characters other than a-z, 0-9 and "-". */
export class InvalidNetworkIdError extends BaseError {
  override name = 'InvalidNetworkIdError' as const
  value: string
  constructor({ value }: { value: string }) {
    super(`"${value}" is not a network name this copy accepts: 1 to 32 of a-z, 0-9 and "-", starting with a letter or digit.`)
    this.value = value
  }
}

/** Something tried to replace, rename or remove a network built into this copy. */
export class BuiltInNetworkError extends BaseError {
  override name = 'BuiltInNetworkError' as const
  networkId: string
  constructor({ networkId, name }: { networkId: string; name: string }) {
    super(`${name} is built into this copy: its chain config, fork schedule and genesis validators root come from the build and cannot be replaced, renamed or removed.`)
    this.networkId = networkId
  }
}

/** A custom network that claims a built-in network's name, chain id or genesis validators root. */
export class ImpersonatesBuiltInNetworkError extends BaseError {
  override name = 'ImpersonatesBuiltInNetworkError' as const
  field: 'name' | 'chain id' | 'genesis validators root'
  value: string
  builtIn: string
  constructor({ field, value, builtIn }: { field: ImpersonatesBuiltInNetworkError['field']; value: string; builtIn: string }) {
    super(`This custom network uses the ${field} of ${builtIn} (${value}). Use the built-in ${builtIn} instead: a custom network may not pass for it.`, {
      metaMessages: field === 'name' ? undefined : ['Anything signed on it would be valid on the real network too.'],
    })
    this.field = field
    this.value = value
    this.builtIn = builtIn
  }
}

/** Adding a network under an id that is taken. */
export class NetworkExistsError extends BaseError {
  override name = 'NetworkExistsError' as const
  networkId: string
  constructor({ networkId }: { networkId: string }) {
    super(`A network "${networkId}" already exists. Update it, or add this one under another name.`)
    this.networkId = networkId
  }
}

/** A network id that is not configured here. */
export class UnknownNetworkIdError extends BaseError {
  override name = 'UnknownNetworkIdError' as const
  networkId: string
  constructor({ networkId }: { networkId: string }) {
    super(`No network "${networkId}" is configured here.`)
    this.networkId = networkId
  }
}

/** The link's beacon APIs describe different chains (spec or genesis differ): nothing is taken from them. */
export class ConflictingChainConfigError extends BaseError {
  override name = 'ConflictingChainConfigError' as const
  urls: [string, string]
  field: string
  constructor({ urls, field }: { urls: [string, string]; field: string }) {
    super(`The link's beacon APIs describe different chains: ${urls[0]} and ${urls[1]} disagree on ${field}.`)
    this.urls = urls
    this.field = field
  }
}

/** A contract address in a link (`ens`, `ethusd`) that is not an address with a valid EIP-55 checksum. */
export class InvalidContractAddressError extends BaseError {
  override name = 'InvalidContractAddressError' as const
  parameter: 'ens' | 'ethusd'
  value: string
  constructor({ parameter, value }: { parameter: 'ens' | 'ethusd'; value: string }) {
    super(`The link's ${parameter} "${value}" is not a contract address (0x and 40 hex digits, mixed case only with a valid EIP-55 checksum).`)
    this.parameter = parameter
    this.value = value
  }
}

/** A link for a built-in network names contracts: those come from the build, never from a link. */
export class BuiltInContractsError extends BaseError {
  override name = 'BuiltInContractsError' as const
  networkId: string
  parameter: 'ens' | 'ethusd'
  constructor({ networkId, parameter }: { networkId: string; parameter: 'ens' | 'ethusd' }) {
    super(`A link cannot choose the ${parameter === 'ens' ? 'ENS resolver' : 'price feed'} of ${networkId}: a built-in network's contracts come from this copy's build.`)
    this.networkId = networkId
    this.parameter = parameter
  }
}
