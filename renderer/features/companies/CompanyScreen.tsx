/**
 * A company's page: its details (edited in place), the people who work there, and one history
 * across all of them.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Globe, Trash2, UserPlus } from 'lucide-react';
import type { Company, CustomField } from '../../../shared/domain/people.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { type MenuEntry } from '../../ui/Menu.tsx';
import { DelayedSpinner, ErrorState } from '../../ui/States.tsx';
import { RelTime, StageBadge, TagList } from '../contacts/common.tsx';
import {
  AddNoteButton,
  AddressFact,
  BackButton,
  CardEditForm,
  EditableCard,
  Fact,
  MoreActions,
  PhoneFact,
  PhoneReachLink,
  useMoveToTrash,
} from '../contacts/detail-parts.tsx';
import { NewPersonDialog } from '../contacts/NewPersonDialog.tsx';
import { Timeline } from '../contacts/Timeline.tsx';
import { PurchaseHistoryCard } from '../orders/PurchaseHistoryCard.tsx';
import { OpenCasesBanner } from '../cases/OpenCasesBanner.tsx';
import { historyEntry } from '../audit/history-entry.tsx';
import {
  companyDraftOf,
  companyErrors,
  companyInput,
  CompanyForm,
  type CompanyDraft,
  type CompanySection,
} from './CompanyForm.tsx';

function EditCompany({
  company,
  sections,
  fields,
  title,
  onDone,
}: {
  company: Company;
  sections: CompanySection[];
  fields: CustomField[];
  title: string;
  onDone(): void;
}) {
  const cache = useCache();
  const [draft, setDraft] = useState<CompanyDraft>(() => companyDraftOf(company));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    const sent = companyInput(draft, fields, sections);
    setSaving(true);
    try {
      await cache.mutate('companies.update', { id: company.id, patch: sent.input });
      await cache.fetch('companies.get', { id: company.id });
      onDone();
    } catch (err) {
      setSaving(false);
      const e = companyErrors(err, sent.phoneKeys);
      setErrors(e.fields);
      setFormError(e.form);
    }
  }

  return (
    <CardEditForm title={title} saving={saving} formError={formError} onSave={save} onDone={onDone}>
      <CompanyForm
        draft={draft}
        onChange={setDraft}
        errors={errors}
        sections={sections}
        fields={fields}
        autoFocus
      />
    </CardEditForm>
  );
}

function Card({
  title,
  company,
  sections,
  fields,
  children,
}: {
  title: string;
  company: Company;
  sections: CompanySection[];
  fields: CustomField[];
  children: ReactNode;
}) {
  return (
    <EditableCard title={title} editor={EditCompany} editorProps={{ company, sections, fields }}>
      {children}
    </EditableCard>
  );
}

function People({ company }: { company: Company }) {
  const id = useId();
  const navigate = useUi((s) => s.navigate);
  const [adding, setAdding] = useState(false);
  const people = useQuery('people.list', { filter: { companyId: company.id }, sort: 'name', limit: 50 });
  const rows = people.data?.rows ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-t`}>
      <header className="card__header">
        <h2 className="card__title" id={`${id}-t`}>
          People <span className="card__count num">{company.peopleCount}</span>
        </h2>
        <button
          type="button"
          className="btn btn--ghost btn--icon card__edit"
          aria-label="Add a person"
          title="New person"
          onClick={() => setAdding(true)}
        >
          <UserPlus size={ICON.inline} strokeWidth={STROKE} aria-hidden />
        </button>
      </header>
      <NewPersonDialog
        open={adding}
        onClose={() => setAdding(false)}
        company={{ id: company.id, name: company.name }}
      />
      {!people.data ? (
        <div className="card__loading">
          <span className="skeleton tl-skeleton-line" />
        </div>
      ) : rows.length === 0 ? (
        <p className="card__empty">Nobody linked yet. Set the company on a person to list them here.</p>
      ) : (
        <ul className="people-list" aria-label={`People at ${company.name}`}>
          {rows.map((p) => (
            <li key={p.id}>
              <button type="button" className="people-list__row" onClick={() => navigate(`people/${p.id}`)}>
                <Avatar name={p.displayName} size="sm" />
                <span className="people-list__text">
                  <span className="people-list__name">{p.displayName}</span>
                  {p.jobTitle ? <span className="people-list__sub">{p.jobTitle}</span> : null}
                </span>
                <StageBadge stage={p.stage} />
              </button>
            </li>
          ))}
          {people.data.nextCursor ? (
            <li className="people-list__more">
              <button type="button" className="link-button" onClick={() => navigate('contacts')}>
                {company.peopleCount - rows.length} more in Contacts
              </button>
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

function CompanyBody({ company }: { company: Company }) {
  const now = useNow(30_000);
  const fmt = useFormat();
  const fields = (useQuery('customFields.list', {}).data ?? []).filter((f) => f.entity === 'company');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const a = company.address;

  const moveToTrash = useMoveToTrash({ kind: 'company', id: company.id }, company.name, 'companies');
  const ui = useUiStore();

  const more: MenuEntry[] = [
    // Who changed what about the company and its own activity, and when.
    historyEntry(ui, { table: 'companies', id: company.id, label: company.name }),
    { kind: 'separator', id: 'sep' },
    {
      id: 'delete',
      label: 'Move to Trash',
      tone: 'danger',
      icon: <Trash2 size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: moveToTrash,
    },
  ];

  return (
    <>
      <div className="detail-bar">
        <BackButton to="companies">Companies</BackButton>
        <div className="detail-bar__actions">
          <AddNoteButton noteRef={noteRef} />
          <MoreActions name={company.name} entries={more} />
        </div>
      </div>
      <div className="page detail">
        <div className="detail__inner">
          <header className="hero">
            <span className="company-mark company-mark--lg" aria-hidden>
              {company.name.trim()[0]?.toUpperCase() ?? '·'}
            </span>
            <div className="hero__text">
              <h1 className="hero__name selectable">{company.name}</h1>
              <p className="hero__sub">
                {[company.industry, company.size ? `${company.size} people` : null, a.city]
                  .filter(Boolean)
                  .join(' · ') || <span className="muted">No details yet</span>}
              </p>
              <div className="hero__badges">
                <span className="badge">
                  {fmt.number(company.peopleCount)} {company.peopleCount === 1 ? 'person' : 'people'}
                </span>
                <TagList tags={company.tags} max={6} />
              </div>
            </div>
          </header>
          <OpenCasesBanner companyId={company.id} name={company.name} />
          <div className="reach">
            {company.phones.map((p) => (
              <PhoneReachLink key={p.id} phone={p} />
            ))}
            {company.domain ? (
              <span className="reach__link reach__link--plain selectable">
                <Globe size={ICON.inline} strokeWidth={STROKE} aria-hidden />
                {company.domain}
              </span>
            ) : null}
          </div>
          <div className="detail__columns">
            <div className="detail__fields">
              <Card title="Details" company={company} sections={['details']} fields={fields}>
                <Fact label="Name">{company.name}</Fact>
                <Fact label="Website">{company.domain}</Fact>
                <Fact label="Industry">{company.industry}</Fact>
                <Fact label="Size">{company.size ? `${company.size} people` : null}</Fact>
                <Fact label="Stage">{company.stage ? <StageBadge stage={company.stage} /> : null}</Fact>
                <Fact label="Source">{company.source}</Fact>
                <Fact label="Tags">
                  {company.tags.length ? <TagList tags={company.tags} max={20} /> : null}
                </Fact>
              </Card>
              <Card
                title="Phones and address"
                company={company}
                sections={['phones', 'address']}
                fields={fields}
              >
                {company.phones.map((p) => (
                  <PhoneFact key={p.id} phone={p} />
                ))}
                <AddressFact address={a} />
              </Card>
              {fields.length > 0 ? (
                <Card title="More fields" company={company} sections={['custom']} fields={fields}>
                  {fields.map((f) => {
                    const v = company.custom[f.key];
                    return (
                      <Fact key={f.key} label={f.label}>
                        {v === null || v === undefined || v === ''
                          ? null
                          : Array.isArray(v)
                            ? v.join(', ')
                            : typeof v === 'boolean'
                              ? v
                                ? 'Yes'
                                : 'No'
                              : String(v)}
                      </Fact>
                    );
                  })}
                </Card>
              ) : null}
              <People company={company} />
              <PurchaseHistoryCard company={{ id: company.id, name: company.name }} />
              <p className="detail__stamp">
                Added <RelTime at={company.createdAt} now={now} /> · changed{' '}
                <RelTime at={company.updatedAt} now={now} />
              </p>
            </div>
            <Timeline
              of={{ companyId: company.id }}
              now={now}
              showWho
              title="History across its people"
              noteRef={noteRef}
            />
          </div>
        </div>
      </div>
    </>
  );
}

export function CompanyScreen({ companyId }: { companyId: string }) {
  const company = useQuery('companies.get', { id: companyId });
  const navigate = useUi((s) => s.navigate);
  useEffect(() => {
    if (company.data) document.title = `${company.data.name} — Ledgerline`;
  }, [company.data]);
  if (!company.data) {
    if (company.status === 'error') {
      return (
        <div className="page detail detail--state">
          <ErrorState
            title="This company could not be opened"
            message={company.error?.message ?? 'Try again in a moment.'}
            onRetry={() => void company.refetch()}
          />
          <div className="detail__state-actions">
            <Button variant="ghost" onClick={() => navigate('companies')}>
              Back to Companies
            </Button>
          </div>
        </div>
      );
    }
    return (
      <div className="page detail detail--state" aria-busy="true">
        <DelayedSpinner label="Opening…" />
      </div>
    );
  }
  return <CompanyBody company={company.data} />;
}
