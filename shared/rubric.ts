/**
 * The rubric: the six Elements of Partnership and their indicator cards, transcribed from
 * `shared/seed/elements-of-partnership.txt` (tests/unit/shared/rubric.test.ts checks every
 * bullet against the seed). Card ids are stable slugs: edit a text, never an id, because
 * placements, exports and snapshots refer to cards by id.
 *
 * The English is the source; each title, element name and card carries its Spanish beside it
 * (`translations.es`), translated for meaning in the retreat's own terms. A changed English text
 * needs its translation reviewed in the same change.
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
  /** The language of `text` when it is not the rubric's (a rubric file gave none in it). */
  language?: string;
  translations?: Translations;
  /** Its earlier texts, oldest first, kept when it was reworded after people had placed it. */
  history?: EarlierText[];
}

/** A card's text before a rewording, and when it stopped being the card's text (epoch ms). */
export interface EarlierText {
  text: string;
  language?: string;
  translations?: Translations;
  until: number;
}

/**
 * A card removed from a board after people had placed it: its placements stay with the board
 * (and in its exports), so the card stays known, with the element it was in.
 */
export interface RetiredCard extends RubricCard {
  elementId: string;
  /** Epoch ms. */
  retiredAt: number;
}

export interface RubricElement {
  id: string;
  name: string;
  /** The language of `name` when it is not the rubric's. */
  language?: string;
  /** The name in other languages. */
  translations?: Translations;
  cards: RubricCard[];
}

export interface RubricAxis {
  left: string;
  right: string;
  /** The language of the two ends when it is not the rubric's. */
  language?: string;
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
  /** Cards removed after people had placed them (rubricEdit.ts); their ids stay the board's. */
  retired?: RetiredCard[];
  /** Ids of cards removed before anyone placed them: never given to a new card. */
  formerIds?: string[];
}

export const AXIS_START_LABEL = 'Vendor/Contractor';
export const AXIS_END_LABEL = 'High Performance Partnership';

export const DEFAULT_AXIS: RubricAxis = {
  left: AXIS_START_LABEL,
  right: AXIS_END_LABEL,
  translations: { es: { left: 'Proveedor/Contratista', right: 'Alianza de Alto Rendimiento' } },
};

/** Whether a rubric's axis is the seed's (absent, or the seed's two ends in English). */
export function isSeedAxis(rubric: Pick<Rubric, 'axis'>): boolean {
  const axis = rubric.axis;
  return axis === undefined || (axis.left === AXIS_START_LABEL && axis.right === AXIS_END_LABEL);
}

export const ELEMENTS_OF_PARTNERSHIP: Rubric = {
  id: 'elements-of-partnership',
  title: 'Vendor/Contractor and High Performance Partnership Relationships',
  language: 'en',
  translations: { es: 'Relaciones de Proveedor/Contratista y de Alianza de Alto Rendimiento' },
  axis: DEFAULT_AXIS,
  elements: [
    {
      id: 'trust',
      name: 'Trust',
      translations: { es: 'Confianza' },
      cards: [
        {
          id: 'trust.v1',
          column: 'vendor',
          text: 'Relationship building occurs through work',
          translations: { es: 'La relación se construye a través del trabajo' },
        },
        {
          id: 'trust.v2',
          column: 'vendor',
          text: 'Trust to “get the job done” may be assumed.',
          translations: {
            es: 'Se puede dar por sentada la confianza en que “se hará el trabajo”.',
          },
        },
        {
          id: 'trust.v3',
          column: 'vendor',
          text: 'Relationships that are established in one area are transferred to another.',
          translations: { es: 'Las relaciones que se establecen en un área se trasladan a otra.' },
        },
        {
          id: 'trust.p1',
          column: 'partnership',
          text: 'Time spent to develop understanding of partners’ strengths and challenges',
          translations: {
            es: 'Tiempo dedicado a comprender las fortalezas y los desafíos de los socios',
          },
        },
        {
          id: 'trust.p2',
          column: 'partnership',
          text: "Clarification about each partner's contribution.",
          translations: { es: 'Aclaración de la contribución de cada socio.' },
        },
        {
          id: 'trust.p3',
          column: 'partnership',
          text: 'Investment in team building activities.',
          translations: { es: 'Inversión en actividades de integración de equipos.' },
        },
        {
          id: 'trust.p4',
          column: 'partnership',
          text: 'Develop broad common language',
          translations: { es: 'Desarrollar un lenguaje común amplio' },
        },
        {
          id: 'trust.p5',
          column: 'partnership',
          text: 'Members’ self-interest is explored; partners work to meet one another’s self-interest.',
          translations: {
            es: 'Se exploran los intereses propios de los miembros; los socios trabajan para atender los intereses propios de los demás.',
          },
        },
      ],
    },
    {
      id: 'values',
      name: 'Shared Values',
      translations: { es: 'Valores compartidos' },
      cards: [
        {
          id: 'values.v1',
          column: 'vendor',
          text: 'Overarching values stated as larger community value; not commonly defined.',
          translations: {
            es: 'Los valores generales se enuncian como valores de la comunidad en general; no se definen en común.',
          },
        },
        {
          id: 'values.v2',
          column: 'vendor',
          text: 'Little or no analysis of shared values.',
          translations: { es: 'Poco o ningún análisis de los valores compartidos.' },
        },
        {
          id: 'values.v3',
          column: 'vendor',
          text: 'Focus is on achieving the deliverables',
          translations: { es: 'La atención se centra en cumplir con los entregables' },
        },
        {
          id: 'values.p1',
          column: 'partnership',
          text: 'Use research based best practices.',
          translations: { es: 'Usar buenas prácticas basadas en la investigación.' },
        },
        {
          id: 'values.p2',
          column: 'partnership',
          text: 'Time spent exploring and clarifying shared values in service of child abuse prevention',
          translations: {
            es: 'Tiempo dedicado a explorar y aclarar los valores compartidos al servicio de la prevención del maltrato infantil',
          },
        },
        {
          id: 'values.p3',
          column: 'partnership',
          text: 'Value Partnership as a way of achieving extraordinary results.',
          translations: {
            es: 'Valorar la alianza como una forma de lograr resultados extraordinarios.',
          },
        },
        {
          id: 'values.p4',
          column: 'partnership',
          text: 'Partnership norms are created that guide activities and build trust.',
          translations: {
            es: 'Se crean normas de la alianza que orientan las actividades y generan confianza.',
          },
        },
        {
          id: 'values.p5',
          column: 'partnership',
          text: 'Partners embrace vision beyond single organization.',
          translations: {
            es: 'Los socios adoptan una visión que va más allá de una sola organización.',
          },
        },
      ],
    },
    {
      id: 'culture',
      name: 'Organizational Culture',
      translations: { es: 'Cultura organizacional' },
      cards: [
        {
          id: 'culture.v1',
          column: 'vendor',
          text: 'Focus is on service delivery',
          translations: { es: 'La atención se centra en la prestación de servicios' },
        },
        {
          id: 'culture.v2',
          column: 'vendor',
          text: 'Leadership provided within own agency',
          translations: { es: 'El liderazgo se ejerce dentro de la propia agencia' },
        },
        {
          id: 'culture.v3',
          column: 'vendor',
          text: 'Agencies advocate for their own clients',
          translations: { es: 'Las agencias abogan por sus propios clientes' },
        },
        {
          id: 'culture.p1',
          column: 'partnership',
          text: 'Flexible and responsive leadership',
          translations: { es: 'Liderazgo flexible y receptivo' },
        },
        {
          id: 'culture.p2',
          column: 'partnership',
          text: 'Partnership develops a shared mission',
          translations: { es: 'La alianza desarrolla una misión compartida' },
        },
        {
          id: 'culture.p3',
          column: 'partnership',
          text: "Organizations' culture promotes partnerships",
          translations: { es: 'La cultura de las organizaciones promueve las alianzas' },
        },
        {
          id: 'culture.p4',
          column: 'partnership',
          text: 'Members advocate for partnership goals',
          translations: { es: 'Los miembros abogan por los objetivos de la alianza' },
        },
        {
          id: 'culture.p5',
          column: 'partnership',
          text: 'Customer feedback ensures relevant services',
          translations: {
            es: 'La retroalimentación de los clientes asegura servicios pertinentes',
          },
        },
        {
          id: 'culture.p6',
          column: 'partnership',
          text: 'Includes business community.',
          translations: { es: 'Incluye a la comunidad empresarial.' },
        },
        {
          id: 'culture.p7',
          column: 'partnership',
          text: 'Ability to manage rapid change',
          translations: { es: 'Capacidad para gestionar cambios rápidos' },
        },
      ],
    },
    {
      id: 'resources',
      name: 'Joint Resource Development',
      translations: { es: 'Desarrollo conjunto de recursos' },
      cards: [
        {
          id: 'resources.v1',
          column: 'vendor',
          text: 'Competition for resources',
          translations: { es: 'Competencia por los recursos' },
        },
        {
          id: 'resources.v2',
          column: 'vendor',
          text: 'Works within existing limitations.',
          translations: { es: 'Se trabaja dentro de las limitaciones existentes.' },
        },
        {
          id: 'resources.v3',
          column: 'vendor',
          text: 'Relationship is between two contracting entities.',
          translations: { es: 'La relación es entre dos entidades contratantes.' },
        },
        {
          id: 'resources.v4',
          column: 'vendor',
          text: 'The scope of work serves as planning tool.',
          translations: { es: 'El alcance del trabajo sirve como herramienta de planificación.' },
        },
        {
          id: 'resources.p1',
          column: 'partnership',
          text: 'Collectively decide on criteria for allocation of resources.',
          translations: {
            es: 'Decidir de forma colectiva los criterios para la asignación de recursos.',
          },
        },
        {
          id: 'resources.p2',
          column: 'partnership',
          text: 'Builds capacity by having a clear mission and strategic plan, well-coordinated resources, effective communications and sound governance for organizing investors and other stakeholders.',
          translations: {
            es: 'Fortalece su capacidad al contar con una misión y un plan estratégico claros, recursos bien coordinados, comunicaciones eficaces y una gobernanza sólida para organizar a los inversionistas y a las demás partes interesadas.',
          },
        },
        {
          id: 'resources.p3',
          column: 'partnership',
          text: 'Produce quantifiable results.',
          translations: { es: 'Producir resultados cuantificables.' },
        },
        {
          id: 'resources.p4',
          column: 'partnership',
          text: 'Recruit partners to fill resource gaps.',
          translations: { es: 'Incorporar socios para cubrir las carencias de recursos.' },
        },
      ],
    },
    {
      id: 'learning',
      name: 'Integrated Learning',
      translations: { es: 'Aprendizaje integrado' },
      cards: [
        {
          id: 'learning.v1',
          column: 'vendor',
          text: 'Focused on contract scope',
          translations: { es: 'Centrado en el alcance del contrato' },
        },
        {
          id: 'learning.v2',
          column: 'vendor',
          text: 'Usually at management positions',
          translations: { es: 'Por lo general, en los puestos directivos' },
        },
        {
          id: 'learning.v3',
          column: 'vendor',
          text: 'Sporadic',
          translations: { es: 'Esporádico' },
        },
        {
          id: 'learning.v4',
          column: 'vendor',
          text: 'Few co-learning opportunities',
          translations: { es: 'Pocas oportunidades de aprendizaje conjunto' },
        },
        {
          id: 'learning.p1',
          column: 'partnership',
          text: 'Exchange of information and ideas among partners in all parts of the organizations.',
          translations: {
            es: 'Intercambio de información e ideas entre los socios en todos los niveles de las organizaciones.',
          },
        },
        {
          id: 'learning.p2',
          column: 'partnership',
          text: 'Established, 2-way communication channels exist throughout the organizations.',
          translations: {
            es: 'Existen canales de comunicación bidireccional establecidos en todas las organizaciones.',
          },
        },
        {
          id: 'learning.p3',
          column: 'partnership',
          text: 'Shared professional development opportunities.',
          translations: { es: 'Oportunidades compartidas de desarrollo profesional.' },
        },
      ],
    },
    {
      id: 'systems',
      name: 'Systems, Structure and Accountability',
      translations: { es: 'Sistemas, estructura y rendición de cuentas' },
      cards: [
        {
          id: 'systems.v1',
          column: 'vendor',
          text: 'Accountability may be shared, but decision making is mostly one sided.',
          translations: {
            es: 'La rendición de cuentas puede ser compartida, pero la toma de decisiones es mayormente unilateral.',
          },
        },
        {
          id: 'systems.v2',
          column: 'vendor',
          text: 'One agency works to meet stated goals of another.',
          translations: {
            es: 'Una agencia trabaja para cumplir los objetivos declarados de otra.',
          },
        },
        {
          id: 'systems.v3',
          column: 'vendor',
          text: 'Each agency maintains its own governance structure.',
          translations: { es: 'Cada agencia mantiene su propia estructura de gobernanza.' },
        },
        {
          id: 'systems.p1',
          column: 'partnership',
          text: 'Outcomes agreed upon by all partners.',
          translations: { es: 'Resultados acordados por todos los socios.' },
        },
        {
          id: 'systems.p2',
          column: 'partnership',
          text: 'Individual organizations share decision-making, resources and accountability to achieve mutually defined goals.',
          translations: {
            es: 'Las distintas organizaciones comparten la toma de decisiones, los recursos y la rendición de cuentas para lograr objetivos definidos de mutuo acuerdo.',
          },
        },
        {
          id: 'systems.p3',
          column: 'partnership',
          text: 'Feedback loop brings all staff into the process.',
          translations: {
            es: 'Un ciclo de retroalimentación integra a todo el personal en el proceso.',
          },
        },
        {
          id: 'systems.p4',
          column: 'partnership',
          text: 'Regular maintenance activities in agendas re-energize the partnership.',
          translations: {
            es: 'Las actividades periódicas de mantenimiento incluidas en las agendas revitalizan la alianza.',
          },
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

/** The cards on the board and those retired from it: every card a placement may name. */
export function everyRubricCard(rubric: Rubric): (RubricCard & { elementId: string })[] {
  return [...rubricCards(rubric), ...(rubric.retired ?? [])];
}

/** Every id this board's cards and elements have ever had (rubricEdit.ts never gives one again). */
export function idsEverUsed(rubric: Rubric): Set<string> {
  const ids = new Set<string>(rubric.formerIds ?? []);
  for (const element of rubric.elements) {
    ids.add(element.id);
    for (const card of element.cards) ids.add(card.id);
  }
  for (const card of rubric.retired ?? []) ids.add(card.id);
  return ids;
}

/**
 * An element's cards over the board's life: those on it now, then those retired from it (the day's
 * figures and the exports still name them).
 */
export function elementCardsEver(rubric: Rubric, element: RubricElement): RubricCard[] {
  const retired = (rubric.retired ?? []).filter((card) => card.elementId === element.id);
  return [...element.cards, ...retired];
}
