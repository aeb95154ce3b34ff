// Where the shipped model lives: models/rung-scorer-v1 at the repository root.
import { fileURLToPath } from 'node:url';

export const SHIPPED_MODEL_NAME = 'rung-scorer-v1';

export const DEFAULT_MODEL_DIRECTORY = fileURLToPath(new URL(`../../models/${SHIPPED_MODEL_NAME}`, import.meta.url));
