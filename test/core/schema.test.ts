import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DocumentSchema } from '../../pipeline/core/schema.ts';

describe('DocumentSchema', () => {
  it('compiles: z.compile hands a schema it cannot compile back on the slower runtime parser, silently', () => {
    expect(() => z.compile(DocumentSchema, { strict: true })).not.toThrow();
  });
});
