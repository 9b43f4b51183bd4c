import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Signer } from './signer.js';

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

/** RFC 5652 §11.1 and §11.2. */
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

/**
 * DER CMS SignedData with `content` attached (eContentType id-data), the form Apple devices take
 * as a signed profile (../shared/platform/apple.md §8). The signed attributes are contentType and
 * messageDigest only: no signingTime, so an RSA signature (PKCS#1 v1.5) is the same bytes on
 * every run. ECDSA signatures are randomised and differ each time; the embedded profile does not, so
 * outputs are compared by what was signed and by whom (Artifact.signed), never by these bytes.
 */
export async function signedData(bytes: Uint8Array, identity: Pick<Signer, 'certificate' | 'chain'>, key: NonNullable<Signer['key']>): Promise<Uint8Array> {
  const content = new Uint8Array(bytes); // WebCrypto wants its own ArrayBuffer, not a shared one
  const signer = pkijs.Certificate.fromBER(new Uint8Array(identity.certificate));
  const digest = await engine.digest({ name: key.scheme.hash }, content);
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: pkijs.ContentInfo.DATA,
      eContent: new asn1js.OctetString({ valueHex: content }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: pkijs.ContentInfo.DATA })] }),
            new pkijs.Attribute({ type: OID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      }),
    ],
    certificates: [signer, ...identity.chain.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)))],
  });
  const privateKey = await engine.importKey('pkcs8', key.key.export({ format: 'der', type: 'pkcs8' }), key.scheme, false, ['sign']);
  await signed.sign(privateKey, 0, key.scheme.hash, undefined, engine);
  const info = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}
