/** A person chosen in a form: enough to show them and to save their id. */
export interface PickedPerson {
  id: string;
  name: string;
  detail?: string | null;
}
