import { z } from 'zod';
import { LIMITS } from '../wire/limits';
import { JsonFile } from './json-file';

const IgnoredSchema = z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(LIMITS.maxIgnored);

/** The keys you ignore (`/ignore`), in `ignored.json` of the identity's folder. */
export class IgnoredFile extends JsonFile<string[]> {
  constructor(dir: string, onError: (error: Error) => void) {
    super(dir, 'ignored.json', IgnoredSchema, [], onError);
  }
}
