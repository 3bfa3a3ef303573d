/**
 * The rubric: the six Elements of Partnership and their indicator cards, transcribed from
 * `shared/seed/elements-of-partnership.txt` (tests/unit/shared/rubric.test.ts checks every
 * bullet against the seed). Card ids are stable slugs: edit a text, never an id, because
 * placements, exports and snapshots refer to cards by id.
 */

export type CardColumn = 'vendor' | 'partnership';

/**
 * A text in other languages than the rubric's own, by language tag (`{ es: '…' }`). The rubric's
 * own text stays the source; a language without an entry shows the source, marked with its `lang`.
 */
export type Translations = Readonly<Record<string, string>>;

export interface RubricCard {
  id: string;
  text: string;
  /** Which end of the axis the text describes; it says nothing about where the card belongs. */
  column: CardColumn;
  translations?: Translations;
}

export interface RubricElement {
  id: string;
  name: string;
  /** The name in other languages. */
  translations?: Translations;
  cards: RubricCard[];
}

export interface RubricAxis {
  left: string;
  right: string;
  translations?: Readonly<Record<string, { left: string; right: string }>>;
}

export interface Rubric {
  id: string;
  title: string;
  /** The language of the rubric's own texts; boards made before translations are English. */
  language?: string;
  /** The title in other languages. */
  translations?: Translations;
  /** The axis's two ends; boards made before it existed use the seed's (DEFAULT_AXIS). */
  axis?: RubricAxis;
  elements: RubricElement[];
}

export const AXIS_START_LABEL = 'Vendor/Contractor';
export const AXIS_END_LABEL = 'High Performance Partnership';

export const DEFAULT_AXIS: RubricAxis = {
  left: AXIS_START_LABEL,
  right: AXIS_END_LABEL,
  translations: { es: { left: 'Proveedor/Contratista', right: 'Alianza de Alto Rendimiento' } },
};

export const ELEMENTS_OF_PARTNERSHIP: Rubric = {
  id: 'elements-of-partnership',
  title: 'Vendor/Contractor and High Performance Partnership Relationships',
  elements: [
    {
      id: 'trust',
      name: 'Trust',
      cards: [
        { id: 'trust.v1', column: 'vendor', text: 'Relationship building occurs through work' },
        { id: 'trust.v2', column: 'vendor', text: 'Trust to “get the job done” may be assumed.' },
        {
          id: 'trust.v3',
          column: 'vendor',
          text: 'Relationships that are established in one area are transferred to another.',
        },
        {
          id: 'trust.p1',
          column: 'partnership',
          text: 'Time spent to develop understanding of partners’ strengths and challenges',
        },
        {
          id: 'trust.p2',
          column: 'partnership',
          text: "Clarification about each partner's contribution.",
        },
        { id: 'trust.p3', column: 'partnership', text: 'Investment in team building activities.' },
        { id: 'trust.p4', column: 'partnership', text: 'Develop broad common language' },
        {
          id: 'trust.p5',
          column: 'partnership',
          text: 'Members’ self-interest is explored; partners work to meet one another’s self-interest.',
        },
      ],
    },
    {
      id: 'values',
      name: 'Shared Values',
      cards: [
        {
          id: 'values.v1',
          column: 'vendor',
          text: 'Overarching values stated as larger community value; not commonly defined.',
        },
        { id: 'values.v2', column: 'vendor', text: 'Little or no analysis of shared values.' },
        { id: 'values.v3', column: 'vendor', text: 'Focus is on achieving the deliverables' },
        { id: 'values.p1', column: 'partnership', text: 'Use research based best practices.' },
        {
          id: 'values.p2',
          column: 'partnership',
          text: 'Time spent exploring and clarifying shared values in service of child abuse prevention',
        },
        {
          id: 'values.p3',
          column: 'partnership',
          text: 'Value Partnership as a way of achieving extraordinary results.',
        },
        {
          id: 'values.p4',
          column: 'partnership',
          text: 'Partnership norms are created that guide activities and build trust.',
        },
        {
          id: 'values.p5',
          column: 'partnership',
          text: 'Partners embrace vision beyond single organization.',
        },
      ],
    },
    {
      id: 'culture',
      name: 'Organizational Culture',
      cards: [
        { id: 'culture.v1', column: 'vendor', text: 'Focus is on service delivery' },
        { id: 'culture.v2', column: 'vendor', text: 'Leadership provided within own agency' },
        { id: 'culture.v3', column: 'vendor', text: 'Agencies advocate for their own clients' },
        { id: 'culture.p1', column: 'partnership', text: 'Flexible and responsive leadership' },
        { id: 'culture.p2', column: 'partnership', text: 'Partnership develops a shared mission' },
        {
          id: 'culture.p3',
          column: 'partnership',
          text: "Organizations' culture promotes partnerships",
        },
        { id: 'culture.p4', column: 'partnership', text: 'Members advocate for partnership goals' },
        {
          id: 'culture.p5',
          column: 'partnership',
          text: 'Customer feedback ensures relevant services',
        },
        { id: 'culture.p6', column: 'partnership', text: 'Includes business community.' },
        { id: 'culture.p7', column: 'partnership', text: 'Ability to manage rapid change' },
      ],
    },
    {
      id: 'resources',
      name: 'Joint Resource Development',
      cards: [
        { id: 'resources.v1', column: 'vendor', text: 'Competition for resources' },
        { id: 'resources.v2', column: 'vendor', text: 'Works within existing limitations.' },
        {
          id: 'resources.v3',
          column: 'vendor',
          text: 'Relationship is between two contracting entities.',
        },
        {
          id: 'resources.v4',
          column: 'vendor',
          text: 'The scope of work serves as planning tool.',
        },
        {
          id: 'resources.p1',
          column: 'partnership',
          text: 'Collectively decide on criteria for allocation of resources.',
        },
        {
          id: 'resources.p2',
          column: 'partnership',
          text: 'Builds capacity by having a clear mission and strategic plan, well-coordinated resources, effective communications and sound governance for organizing investors and other stakeholders.',
        },
        { id: 'resources.p3', column: 'partnership', text: 'Produce quantifiable results.' },
        {
          id: 'resources.p4',
          column: 'partnership',
          text: 'Recruit partners to fill resource gaps.',
        },
      ],
    },
    {
      id: 'learning',
      name: 'Integrated Learning',
      cards: [
        { id: 'learning.v1', column: 'vendor', text: 'Focused on contract scope' },
        { id: 'learning.v2', column: 'vendor', text: 'Usually at management positions' },
        { id: 'learning.v3', column: 'vendor', text: 'Sporadic' },
        { id: 'learning.v4', column: 'vendor', text: 'Few co-learning opportunities' },
        {
          id: 'learning.p1',
          column: 'partnership',
          text: 'Exchange of information and ideas among partners in all parts of the organizations.',
        },
        {
          id: 'learning.p2',
          column: 'partnership',
          text: 'Established, 2-way communication channels exist throughout the organizations.',
        },
        {
          id: 'learning.p3',
          column: 'partnership',
          text: 'Shared professional development opportunities.',
        },
      ],
    },
    {
      id: 'systems',
      name: 'Systems, Structure and Accountability',
      cards: [
        {
          id: 'systems.v1',
          column: 'vendor',
          text: 'Accountability may be shared, but decision making is mostly one sided.',
        },
        {
          id: 'systems.v2',
          column: 'vendor',
          text: 'One agency works to meet stated goals of another.',
        },
        {
          id: 'systems.v3',
          column: 'vendor',
          text: 'Each agency maintains its own governance structure.',
        },
        { id: 'systems.p1', column: 'partnership', text: 'Outcomes agreed upon by all partners.' },
        {
          id: 'systems.p2',
          column: 'partnership',
          text: 'Individual organizations share decision-making, resources and accountability to achieve mutually defined goals.',
        },
        {
          id: 'systems.p3',
          column: 'partnership',
          text: 'Feedback loop brings all staff into the process.',
        },
        {
          id: 'systems.p4',
          column: 'partnership',
          text: 'Regular maintenance activities in agendas re-energize the partnership.',
        },
      ],
    },
  ],
};

export function rubricCards(rubric: Rubric): (RubricCard & { elementId: string })[] {
  return rubric.elements.flatMap((element) =>
    element.cards.map((card) => ({ ...card, elementId: element.id })),
  );
}
