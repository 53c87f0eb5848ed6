/** The street-to-country fields of an address, shared by the person and company forms. */
import { TextField } from '../../ui/Field.tsx';

export interface AddressDraft {
  street: string;
  city: string;
  region: string;
  postcode: string;
  country: string;
}

export function AddressFields({
  address,
  errors,
  onChange,
}: {
  address: AddressDraft;
  errors: Record<string, string>;
  onChange(patch: Partial<AddressDraft>): void;
}) {
  return (
    <div className="form-grid">
      <TextField
        className="form-grid__wide"
        label="Street"
        value={address.street}
        error={errors['address.street']}
        onChange={(e) => onChange({ street: e.target.value })}
      />
      <TextField
        label="City"
        value={address.city}
        error={errors['address.city']}
        onChange={(e) => onChange({ city: e.target.value })}
      />
      <TextField
        label="Region"
        value={address.region}
        error={errors['address.region']}
        onChange={(e) => onChange({ region: e.target.value })}
      />
      <TextField
        label="Postcode"
        value={address.postcode}
        error={errors['address.postcode']}
        onChange={(e) => onChange({ postcode: e.target.value })}
      />
      <TextField
        label="Country"
        value={address.country}
        error={errors['address.country']}
        onChange={(e) => onChange({ country: e.target.value })}
      />
    </div>
  );
}
