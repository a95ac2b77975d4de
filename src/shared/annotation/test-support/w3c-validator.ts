/**
 * The W3C Web Annotation test suite's checks (web-platform-tests
 * `annotation-model/`), run with Ajv over the suite's own draft-04 JSON
 * Schema definitions, copied unchanged into
 * ../shared/standards/w3c-annotation-model (its README says which files and
 * why). No definition describes a whole annotation, so, as the suite's
 * `annotations/annotationMusts.test` does, the "annotation MUSTs" are the
 * combination of its assertions; body and target MUSTs are checked on each
 * body and target the same way.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv-draft-04'
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04'
import addFormats from 'ajv-formats'

export const STANDARD = join(__dirname, '../../../../../shared/standards/w3c-annotation-model')

/** The definition files the current suite loads (`theDefinitions` in annotationMusts-manual.html). */
const CURRENT_DEFINITIONS = [
  'choiceSet.json',
  'id.json',
  'bodyTarget.json',
  'annotations.json',
  'specificResource.json',
  'otherProperties.json',
  'collections.json',
]

const ref = ($ref: string) => ({ $ref })
const oneOrArrayOf = (schema: object) => ({
  anyOf: [schema, { type: 'array', minItems: 1, items: schema }],
})

/** The 14 assertions of annotationMusts.test, as the README lists them. */
const ANNOTATION_MUSTS = {
  allOf: [
    {
      required: ['@context'],
      properties: {
        '@context': {
          anyOf: [
            ref('annotations.json#/definitions/contextValueFound'),
            ref('annotations.json#/definitions/contextValueInArrayFound'),
          ],
        },
      },
    },
    ref('id.json#/definitions/idValueFound'),
    ref('annotations.json#/definitions/annotationTypeValueFound'),
    { required: ['target'] },
    {
      properties: {
        target: oneOrArrayOf(ref('bodyTarget.json#/definitions/targetResourcesFound')),
      },
    },
    { not: { required: ['body', 'bodyValue'] } },
    { properties: { body: oneOrArrayOf(ref('bodyTarget.json#/definitions/bodyResourcesFound')) } },
    ref('annotations.json#/definitions/bodyValueValidIfPresent'),
    ref('otherProperties.json#/definitions/createdValidIfPresent'),
    ref('otherProperties.json#/definitions/modifiedValidIfPresent'),
    ref('otherProperties.json#/definitions/generatedValidIfPresent'),
    ref('otherProperties.json#/definitions/rightsValidIfPresent'),
    ref('otherProperties.json#/definitions/canonicalValidIfPresent'),
    ref('otherProperties.json#/definitions/viaValidIfPresent'),
  ],
}

/**
 * What the exports use beyond the MUSTs, checked against the same
 * definitions: a recognised motivation, a valid stylesheet, each body's
 * optional properties (format, language, purpose, dates) and the target's.
 */
const OUR_PROPERTIES = {
  allOf: [
    ref('annotations.json#/definitions/motivationRecognizedIfPresent'),
    ref('annotations.json#/definitions/stylesheetValueDefinition'),
    {
      properties: {
        body: {
          type: 'array',
          items: {
            allOf: [
              ref('bodyTarget.json#/definitions/optionalBodyPropertiesMust'),
              ref('bodyTarget.json#/definitions/optionalBodyPropertiesShould'),
              ref('bodyTarget.json#/definitions/optionalBodyPurposePropertyShould'),
              ref('bodyTarget.json#/definitions/embeddedTextTypeIncludesTextualBody'),
            ],
          },
        },
        target: {
          allOf: [
            // Not optionalTargetPropertiesShould: its type list is the classes of section 3.2.2
            // for external resources, and a SpecificResource is none of them.
            ref('bodyTarget.json#/definitions/optionalTargetPropertiesMust'),
            ref('specificResource.json#/definitions/styleClassDefinition'),
          ],
        },
      },
    },
  ],
}

const COLLECTION = {
  allOf: [
    {
      required: ['@context'],
      properties: { '@context': ref('collections.json#/definitions/contextValueFound') },
    },
    ref('id.json#/definitions/idValueFound'),
    ref('collections.json#/definitions/annotationCollectionTypeValueFound'),
    ref('collections.json#/definitions/labelDefinition'),
    ref('collections.json#/definitions/totalDefinition'),
    ref('collections.json#/definitions/firstValidIfPresent'),
    {
      properties: {
        first: {
          allOf: [
            ref('collections.json#/definitions/startIndexDefinition'),
            ref('collections.json#/definitions/itemsFound'),
          ],
        },
      },
    },
  ],
}

export type Validator = {
  /** The annotation MUSTs: null when they hold, else Ajv's errors as text. */
  annotationMusts(annotation: unknown): string | null
  /** The optional properties the exports use. */
  ourProperties(annotation: unknown): string | null
  /** The collection and its page (not the annotations in it). */
  collection(collection: unknown): string | null
}

export function w3cValidator(): Validator {
  // Ajv's default evaluates keywords beside $ref, so selectors and the like are really checked.
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  for (const file of CURRENT_DEFINITIONS) {
    ajv.addSchema(JSON.parse(readFileSync(join(STANDARD, 'definitions', file), 'utf8')) as object)
  }
  const run = (validate: ValidateFunction) => (value: unknown) =>
    validate(value) ? null : describe(validate.errors ?? [])
  return {
    annotationMusts: run(ajv.compile(ANNOTATION_MUSTS)),
    ourProperties: run(ajv.compile(OUR_PROPERTIES)),
    collection: run(ajv.compile(COLLECTION)),
  }
}

function describe(errors: readonly ErrorObject[]): string {
  return errors.map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ')
}

/** The suite's sample annotations (the spec's examples), by file name. */
export function standardExamples(): [string, unknown][] {
  const folder = join(STANDARD, 'examples')
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => [name, JSON.parse(readFileSync(join(folder, name), 'utf8')) as unknown])
}
