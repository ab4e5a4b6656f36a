import type { CID } from 'multiformats/cid'
import { getSubdomainUrl } from './getSubdomainUrl.ts'
import { toCidV1Base32 } from './toCidV1Base32.ts'

export type GetGatewayUrlsParameters = {
  cid: string | CID
  /** Origin of the gateway, e.g. `http://127.0.0.1:8080` or `https://ipfs.io`. */
  gatewayOrigin: string
}

export type GetGatewayUrlsReturnType = {
  /** `<origin>/ipfs/<cid>/`: one origin shared by every site on that gateway. */
  pathUrl: string
  /** `<scheme>://<cid>.ipfs.<host>/`: an origin of its own for this CID. */
  subdomainUrl: string
}

/** Path-gateway and subdomain-gateway URLs of a CID on one gateway, both with the CIDv1 base32 form. */
export function getGatewayUrls({ cid, gatewayOrigin }: GetGatewayUrlsParameters): GetGatewayUrlsReturnType {
  const label = toCidV1Base32(cid)
  return {
    pathUrl: `${new URL(gatewayOrigin).origin}/ipfs/${label}/`,
    subdomainUrl: getSubdomainUrl({ gatewayOrigin, namespace: 'ipfs', label }),
  }
}
