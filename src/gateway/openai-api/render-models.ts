// Renders the catalogue of models a client may ask for as OpenAI's `GET /v1/models` list.

export interface ModelListEntry {
  /** The name a client puts in `model`: a deployment, alias or policy. */
  id: string;
  ownedBy: string;
  /** Unix time in whole seconds. */
  created: number;
}

export interface WireModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

export interface WireModelList {
  object: 'list';
  data: WireModel[];
}

export function renderModelList(entries: readonly ModelListEntry[]): WireModelList {
  return {
    object: 'list',
    data: entries.map((entry): WireModel => ({ id: entry.id, object: 'model', created: entry.created, owned_by: entry.ownedBy })),
  };
}
