import { describe, expect, it } from 'vitest';
import { stableUuid, uuidV5 } from '../../../src/pipeline/targets/ids.js';

describe('UUIDv5 (node:crypto, RFC 9562 §5.5)', () => {
  it('gives the RFC\'s own example: www.example.com in the DNS namespace', () => {
    // RFC 9562 appendix A.4: https://www.rfc-editor.org/rfc/rfc9562#name-example-of-a-uuidv5-value
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('hashes the name as UTF-8 and takes the namespace in either case', () => {
    expect(uuidV5('é', '6BA7B810-9DAD-11D1-80B4-00C04FD430C8')).toBe(uuidV5('\u00e9', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'));
    expect(uuidV5('é', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).not.toBe(uuidV5('e\u0301', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'));
  });

  it('sets version 5 and the RFC variant, upper case for payloads', () => {
    expect(stableUuid('gov.example.policy.phones.ios')).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  });
});
