/** The tags field, with the tags already in use as suggestions; shared by the person and company forms. */
import { useQuery } from '../../stores/query.hooks.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { TagInput } from '../../ui/TagInput.tsx';

export function TagsField({
  tags,
  error,
  labelId,
  onChange,
}: {
  tags: string[];
  error: string | undefined;
  labelId?: string;
  onChange(tags: string[]): void;
}) {
  const known = useQuery('tags.list', {}).data ?? [];
  return (
    <div className="field">
      <span className="field__label" id={labelId}>
        Tags
      </span>
      <TagInput
        label="Tags"
        tags={tags}
        onChange={onChange}
        suggestions={known.map((t) => t.name)}
        invalid={Boolean(error)}
      />
      {error ? <FieldError message={error} /> : null}
    </div>
  );
}
