/**
 * What a CSV import can bring in (issue 5): people, companies, calls, products and orders. Each
 * kind of file has its own fields, the header names other tools give them (guessed by
 * guessColumns() as for people), and its own ways of matching a row to what the book holds.
 *
 * - people: shared/domain/import-mapping.ts (Google, Outlook, Apple, LinkedIn, HubSpot,
 *   Salesforce, Pipedrive).
 * - companies: matched by name (as the companies list sorts them: case, accents and "Ltd" aside)
 *   or by the other system's id.
 * - calls: each row finds its person (by email, phone, the other system's id or full name) or its
 *   company; a call already in the book (the same person or company, the same minute) is not
 *   added twice.
 * - products: matched by SKU or by name; a category is found by name or made.
 * - orders: one row per order line; rows with the same order number make one order. Matched by
 *   that number (kept as the order's external id), so the same file never adds an order twice.
 */
import {
  guessColumns,
  guessMapping,
  headerWords,
  PERSON_FIELD_LABELS,
  PERSON_FIELDS,
  wordsTable,
  type GuessTable,
  type PersonField,
} from './import-mapping.ts';

export const IMPORT_KINDS = ['people', 'companies', 'calls', 'products', 'orders'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, { title: string; one: string; many: string }> = {
  people: { title: 'People', one: 'person', many: 'people' },
  companies: { title: 'Companies', one: 'company', many: 'companies' },
  calls: { title: 'Calls', one: 'call', many: 'calls' },
  products: { title: 'Products and services', one: 'product', many: 'products' },
  orders: { title: 'Orders (one row per order line)', one: 'order', many: 'orders' },
};

export const COMPANY_FIELDS = [
  'name',
  'domain',
  'industry',
  'size',
  'phone',
  'phone2',
  'street',
  'city',
  'region',
  'postcode',
  'country',
  'stage',
  'source',
  'tags',
  'notes',
  'externalId',
] as const;
export type CompanyField = (typeof COMPANY_FIELDS)[number];

export const CALL_FIELDS = [
  'personName',
  'personEmail',
  'personPhone',
  'personExternalId',
  'company',
  'startedAt',
  'time',
  'duration',
  'direction',
  'purpose',
  'outcome',
  'response',
  'summary',
  'staff',
] as const;
export type CallField = (typeof CALL_FIELDS)[number];

export const PRODUCT_FIELDS = [
  'name',
  'sku',
  'kind',
  'category',
  'unit',
  'unitPrice',
  'unitCost',
  'taxRate',
  'currency',
  'active',
  'description',
] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

export const ORDER_FIELDS = [
  'orderNumber',
  'orderDate',
  'status',
  'customerName',
  'customerEmail',
  'customerExternalId',
  'company',
  'currency',
  'owner',
  'notes',
  'product',
  'description',
  'quantity',
  'unitPrice',
  'discount',
  'taxRate',
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

export interface KindFields {
  people: PersonField;
  companies: CompanyField;
  calls: CallField;
  products: ProductField;
  orders: OrderField;
}
/** Any field of any kind (a mapping is checked against its kind's list). */
export type ImportField = KindFields[ImportKind];

export const KIND_FIELDS: { [K in ImportKind]: readonly KindFields[K][] } = {
  people: PERSON_FIELDS,
  companies: COMPANY_FIELDS,
  calls: CALL_FIELDS,
  products: PRODUCT_FIELDS,
  orders: ORDER_FIELDS,
};

export const FIELD_LABELS: { [K in ImportKind]: Record<KindFields[K], string> } = {
  people: PERSON_FIELD_LABELS,
  companies: {
    name: 'Company name',
    domain: 'Website or domain',
    industry: 'Industry',
    size: 'Size',
    phone: 'Phone',
    phone2: 'Other phone',
    street: 'Street',
    city: 'Town or city',
    region: 'Region or county',
    postcode: 'Postcode',
    country: 'Country',
    stage: 'Lifecycle stage',
    source: 'Source',
    tags: 'Tags (separated by , or ;)',
    notes: 'Notes (added as a note)',
    externalId: 'ID in the other system',
  },
  calls: {
    personName: 'Person’s full name',
    personEmail: 'Person’s email',
    personPhone: 'Person’s phone',
    personExternalId: 'Person’s ID in the other system',
    company: 'Company name',
    startedAt: 'Date (or date and time) of the call',
    time: 'Time of the call',
    duration: 'Duration (seconds, mm:ss or h:mm:ss)',
    direction: 'Direction (in or out)',
    purpose: 'Purpose',
    outcome: 'Outcome',
    response: 'Response (positive, neutral or negative)',
    summary: 'What was said',
    staff: 'Taken by (staff name or email)',
  },
  products: {
    name: 'Name',
    sku: 'SKU or product code',
    kind: 'Product or service',
    category: 'Category',
    unit: 'Unit (each, hour…)',
    unitPrice: 'Unit price',
    unitCost: 'Unit cost',
    taxRate: 'Tax rate (%)',
    currency: 'Currency',
    active: 'Active (yes/no)',
    description: 'Description',
  },
  orders: {
    orderNumber: 'Order number (rows with the same number are one order)',
    orderDate: 'Order date',
    status: 'Status',
    customerName: 'Customer’s name (a person or a company)',
    customerEmail: 'Customer’s email',
    customerExternalId: 'Customer’s ID in the other system',
    company: 'Company name',
    currency: 'Currency',
    owner: 'Owner (staff name or email)',
    notes: 'Order notes',
    product: 'Product (SKU or name)',
    description: 'Line description',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    discount: 'Discount (%)',
    taxRate: 'Tax rate (%)',
  },
};

/** The fields a file of a kind must map (besides what its match rule needs). */
export const REQUIRED_FIELDS: { [K in ImportKind]: readonly (readonly KindFields[K][])[] } = {
  /** One of the name fields, unless the rows only update people they match. */
  people: [],
  companies: [['name', 'externalId']],
  calls: [['startedAt'], ['personName', 'personEmail', 'personPhone', 'personExternalId', 'company']],
  products: [['name', 'sku']],
  orders: [['orderNumber'], ['orderDate'], ['product', 'description']],
};

/** What a missing REQUIRED_FIELDS group asks for, in words (the wizard and the import say it). */
const REQUIRED_SAYS: Record<string, string> = {
  'companies:name|externalId':
    'Choose the column that holds the company name (or the ID from the other system, to update companies already in the book).',
  'calls:startedAt': 'Choose the column that holds the date of the call: every call needs one.',
  'calls:personName|personEmail|personPhone|personExternalId|company':
    'Choose a column that says who the call was with: the person’s name, email, phone or ID, or the company name.',
  'products:name|sku':
    'Choose the column that holds the product name (or the SKU, to update products already in the book).',
  'orders:orderNumber':
    'Choose the column that holds the order number: rows with the same number make one order.',
  'orders:orderDate': 'Choose the column that holds the order date.',
  'orders:product|description':
    'Choose the column that holds the product (its SKU or name) or the line description: each row is one line of an order.',
};

/** What the mapping still lacks of the kind's REQUIRED_FIELDS, one sentence per group (none: nothing). */
export function missingFields(kind: ImportKind, has: (field: ImportField) => boolean): string[] {
  const groups = REQUIRED_FIELDS[kind] as readonly (readonly ImportField[])[];
  return groups
    .filter((group) => !group.some(has))
    .map((group) => {
      const said = REQUIRED_SAYS[`${kind}:${group.join('|')}`];
      if (said) return said;
      const labels = FIELD_LABELS[kind] as Record<string, string>;
      return `Choose the column that holds the ${group.map((f) => labels[f]!.toLowerCase()).join(' or ')}.`;
    });
}

/** How an imported row finds the record it updates (or, for calls, the person it was with). */
export const IMPORT_MATCHES = ['email', 'phone', 'externalId', 'name', 'sku', 'reference', 'none'] as const;
export type ImportMatch = (typeof IMPORT_MATCHES)[number];

/** The match rules each kind offers, the first being the default. */
export const KIND_MATCHES: Record<ImportKind, readonly ImportMatch[]> = {
  people: ['email', 'phone', 'externalId', 'none'],
  companies: ['name', 'externalId', 'none'],
  calls: ['email', 'phone', 'externalId', 'name'],
  products: ['sku', 'name', 'none'],
  orders: ['reference', 'none'],
};

export const MATCH_LABELS: Record<ImportKind, Partial<Record<ImportMatch, string>>> = {
  people: {
    email: 'Same email address',
    phone: 'Same phone number',
    externalId: 'Same ID from the other system',
    none: 'Do not match: add every row as new',
  },
  companies: {
    name: 'Same company name',
    externalId: 'Same ID from the other system',
    none: 'Do not match: add every row as new',
  },
  calls: {
    email: 'The person with that email address',
    phone: 'The person with that phone number',
    externalId: 'The person with that ID from the other system',
    name: 'The person (or company) with that name',
  },
  products: {
    sku: 'Same SKU or product code',
    name: 'Same product name',
    none: 'Do not match: add every row as new',
  },
  orders: {
    reference: 'Same order number: an order already imported is left alone',
    none: 'Do not match: add every order as new',
  },
};

/** The field a match rule reads, per kind (the wizard asks for it to be mapped). */
export const MATCH_FIELD: Record<ImportKind, Partial<Record<ImportMatch, ImportField>>> = {
  people: { email: 'email', phone: 'phone', externalId: 'externalId' },
  companies: { name: 'name', externalId: 'externalId' },
  calls: {
    email: 'personEmail',
    phone: 'personPhone',
    externalId: 'personExternalId',
    name: 'personName',
  },
  products: { sku: 'sku', name: 'name' },
  orders: { reference: 'orderNumber' },
};

const NEVER = /^$/u;

const COMPANY_TABLE: GuessTable<CompanyField> = {
  byWords: wordsTable<CompanyField>([
    [
      'name',
      [
        'companyname',
        'company',
        'organization',
        'organisation',
        'organizationname',
        'organisationname',
        'accountname',
        'account',
        'businessname',
        'tradingname',
        'name',
        'firma',
      ],
    ],
    ['domain', ['website', 'domain', 'companydomainname', 'url', 'web', 'homepage', 'organizationwebsite']],
    ['industry', ['industry', 'sector', 'branche']],
    ['size', ['size', 'employees', 'numberofemployees', 'companysize', 'headcount']],
    ['phone', ['phone', 'phonenumber', 'telephone', 'tel', 'mainphone', 'businessphone', 'companyphone']],
    ['phone2', ['phone2', 'otherphone', 'fax', 'mobile']],
    ['street', ['street', 'address', 'streetaddress', 'billingstreet', 'addressline1', 'address1']],
    ['city', ['city', 'town', 'billingcity', 'towncity']],
    ['region', ['region', 'county', 'state', 'stateregion', 'billingstate', 'province']],
    ['postcode', ['postcode', 'postalcode', 'zip', 'zipcode', 'billingpostalcode']],
    ['country', ['country', 'countryregion', 'billingcountry']],
    ['stage', ['stage', 'lifecyclestage', 'status', 'type', 'accounttype']],
    ['source', ['source', 'leadsource', 'originalsource']],
    ['tags', ['tags', 'labels', 'label', 'categories', 'segments']],
    ['notes', ['notes', 'note', 'description', 'comments', 'comment', 'remarks']],
    [
      'externalId',
      [
        'id',
        'recordid',
        'companyid',
        'accountid',
        'organizationid',
        'externalid',
        'customerid',
        'ledgerlineid',
      ],
    ],
  ]),
  weak: new Set(['name', 'id', 'status', 'type', 'account', 'address', 'mobile', 'url']),
  ignored: NEVER,
  overflow: { phone: 'phone2' },
};

const CALL_TABLE: GuessTable<CallField> = {
  byWords: wordsTable<CallField>([
    [
      'personName',
      [
        'name',
        'fullname',
        'contact',
        'contactname',
        'person',
        'personname',
        'customer',
        'caller',
        'callername',
      ],
    ],
    ['personEmail', ['email', 'emailaddress', 'contactemail', 'personemail']],
    [
      'personPhone',
      [
        'phone',
        'phonenumber',
        'number',
        'telephone',
        'tel',
        'calledthenumber',
        'callernumber',
        'from',
        'to',
        'contactphone',
      ],
    ],
    ['personExternalId', ['contactid', 'personid', 'externalid', 'customerid', 'leadid', 'id']],
    ['company', ['company', 'companyname', 'organization', 'organisation', 'account', 'accountname']],
    [
      'startedAt',
      [
        'date',
        'calldate',
        'datetime',
        'startedat',
        'start',
        'starttime',
        'when',
        'timestamp',
        'dateofcall',
        'activitydate',
        'duedate',
      ],
    ],
    ['time', ['time', 'calltime', 'timeofcall']],
    [
      'duration',
      [
        'duration',
        'length',
        'calllength',
        'callduration',
        'durationseconds',
        'durations',
        'seconds',
        'minutes',
        'durationminutes',
      ],
    ],
    ['direction', ['direction', 'calltype', 'type', 'inout', 'inbound', 'calldirection']],
    ['purpose', ['purpose', 'reason', 'subject', 'topic', 'regarding']],
    ['outcome', ['outcome', 'result', 'callresult', 'calloutcome', 'disposition', 'status']],
    ['response', ['response', 'sentiment', 'mood', 'reaction']],
    ['summary', ['summary', 'notes', 'note', 'comments', 'comment', 'description', 'whatwassaid', 'details']],
    [
      'staff',
      ['staff', 'user', 'agent', 'owner', 'takenby', 'assignedto', 'rep', 'salesperson', 'callowner'],
    ],
  ]),
  weak: new Set([
    'name',
    'id',
    'number',
    'from',
    'to',
    'type',
    'status',
    'start',
    'minutes',
    'duedate',
    'subject',
    'account',
  ]),
  ignored: NEVER,
  overflow: {},
};

const PRODUCT_TABLE: GuessTable<ProductField> = {
  byWords: wordsTable<ProductField>([
    ['name', ['name', 'productname', 'product', 'item', 'itemname', 'title', 'service', 'servicename']],
    [
      'sku',
      [
        'sku',
        'code',
        'productcode',
        'itemcode',
        'partnumber',
        'articlenumber',
        'artnr',
        'ref',
        'reference',
        'productid',
        'id',
      ],
    ],
    ['kind', ['kind', 'type', 'producttype', 'itemtype', 'productorservice']],
    [
      'category',
      ['category', 'productcategory', 'group', 'productgroup', 'family', 'productfamily', 'department'],
    ],
    ['unit', ['unit', 'uom', 'unitofmeasure', 'units', 'per']],
    [
      'unitPrice',
      [
        'unitprice',
        'price',
        'listprice',
        'saleprice',
        'sellingprice',
        'rate',
        'netprice',
        'priceexvat',
        'priceexcltax',
      ],
    ],
    ['unitCost', ['unitcost', 'cost', 'costprice', 'purchaseprice', 'buyprice']],
    ['taxRate', ['taxrate', 'tax', 'vat', 'vatrate', 'taxpercent', 'vatpercent', 'salestax', 'mwst', 'tva']],
    ['currency', ['currency', 'currencycode', 'ccy']],
    ['active', ['active', 'isactive', 'enabled', 'available', 'status']],
    ['description', ['description', 'details', 'notes', 'longdescription', 'productdescription']],
  ]),
  weak: new Set([
    'name',
    'id',
    'ref',
    'reference',
    'type',
    'status',
    'title',
    'item',
    'rate',
    'per',
    'group',
    'tax',
    'code',
  ]),
  ignored: NEVER,
  overflow: {},
};

const ORDER_TABLE: GuessTable<OrderField> = {
  byWords: wordsTable<OrderField>([
    [
      'orderNumber',
      [
        'ordernumber',
        'orderno',
        'order',
        'orderid',
        'invoicenumber',
        'invoiceno',
        'invoice',
        'number',
        'reference',
        'ref',
        'salesordernumber',
        'documentnumber',
      ],
    ],
    ['orderDate', ['orderdate', 'date', 'invoicedate', 'created', 'createdat', 'dateordered', 'saledate']],
    ['status', ['status', 'orderstatus', 'state', 'stage']],
    [
      'customerName',
      [
        'customer',
        'customername',
        'name',
        'client',
        'clientname',
        'contact',
        'contactname',
        'billto',
        'buyer',
      ],
    ],
    ['customerEmail', ['email', 'customeremail', 'emailaddress', 'contactemail', 'billingemail']],
    [
      'customerExternalId',
      ['customerid', 'clientid', 'contactid', 'accountid', 'customernumber', 'accountnumber'],
    ],
    ['company', ['company', 'companyname', 'organization', 'organisation', 'accountname']],
    ['currency', ['currency', 'currencycode', 'ccy']],
    ['owner', ['owner', 'salesperson', 'salesrep', 'rep', 'staff', 'user', 'assignedto']],
    ['notes', ['notes', 'ordernotes', 'comments', 'comment', 'memo', 'remarks']],
    [
      'product',
      ['product', 'sku', 'productcode', 'itemcode', 'item', 'productname', 'itemname', 'code', 'article'],
    ],
    ['description', ['description', 'linedescription', 'itemdescription', 'details', 'text']],
    ['quantity', ['quantity', 'qty', 'units', 'amount', 'count', 'menge']],
    ['unitPrice', ['unitprice', 'price', 'rate', 'netprice', 'priceeach', 'each', 'unitamount']],
    ['discount', ['discount', 'discountpercent', 'discountrate', 'rabatt']],
    ['taxRate', ['taxrate', 'tax', 'vat', 'vatrate', 'taxpercent', 'vatpercent', 'mwst', 'tva']],
  ]),
  weak: new Set([
    'order',
    'number',
    'reference',
    'ref',
    'date',
    'name',
    'contact',
    'created',
    'amount',
    'item',
    'code',
    'text',
    'each',
    'rate',
    'count',
    'state',
    'stage',
    'tax',
  ]),
  ignored: NEVER,
  overflow: {},
};

const TABLES: { [K in ImportKind]: GuessTable<KindFields[K]> | null } = {
  people: null,
  companies: COMPANY_TABLE,
  calls: CALL_TABLE,
  products: PRODUCT_TABLE,
  orders: ORDER_TABLE,
};

/** A field per header (or null) for a file of this kind: the guess the wizard starts from. */
export function guessFields<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
): (KindFields[K] | null)[] {
  const table = TABLES[kind];
  return table
    ? guessColumns(table as GuessTable<KindFields[K]>, headers)
    : (guessMapping(headers) as (KindFields[K] | null)[]);
}

/** Header words that say what a file holds (beyond what people files have). */
const KIND_SIGNS: [ImportKind, string[]][] = [
  [
    'orders',
    ['ordernumber', 'orderno', 'orderid', 'invoicenumber', 'orderdate', 'qty', 'quantity', 'linedescription'],
  ],
  [
    'calls',
    [
      'duration',
      'callduration',
      'calldate',
      'outcome',
      'callresult',
      'calltype',
      'calldirection',
      'direction',
    ],
  ],
  [
    'products',
    [
      'sku',
      'unitprice',
      'listprice',
      'productcode',
      'price',
      'vatrate',
      'taxrate',
      'unitcost',
      'productname',
    ],
  ],
  [
    'companies',
    [
      'companyname',
      'accountname',
      'organizationname',
      'industry',
      'employees',
      'numberofemployees',
      'website',
    ],
  ],
];
const PERSON_SIGNS = new Set([
  'firstname',
  'givenname',
  'lastname',
  'familyname',
  'surname',
  'jobtitle',
  'birthday',
]);

/**
 * What a file most likely holds, from its headers: two or more signs of orders, calls, products
 * or companies (and, for companies, no sign of people); otherwise people.
 */
export function guessKind(headers: readonly string[]): ImportKind {
  const words = new Set(headers.map(headerWords));
  const personal = [...words].some((w) => PERSON_SIGNS.has(w));
  for (const [kind, signs] of KIND_SIGNS) {
    const hits = signs.filter((s) => words.has(s)).length;
    if (hits >= 2 && !(kind === 'companies' && personal)) return kind;
  }
  return 'people';
}

/** Whether a field belongs to a kind (a remembered or sent mapping is checked with it). */
export function isKindField(kind: ImportKind, field: unknown): field is ImportField {
  return typeof field === 'string' && (KIND_FIELDS[kind] as readonly string[]).includes(field);
}
