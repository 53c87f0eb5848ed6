import { initials } from '../../shared/domain/staff.ts';

function tint(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h % 8;
}

export function Avatar({
  name,
  size = 'md',
  off = false,
}: {
  name: string;
  size?: 'sm' | 'md' | 'lg';
  off?: boolean;
}) {
  const classes = ['avatar', `avatar--t${tint(name)}`];
  if (size !== 'md') classes.push(`avatar--${size}`);
  if (off) classes.push('avatar--off');
  return (
    <span className={classes.join(' ')} aria-hidden>
      {initials(name)}
    </span>
  );
}
