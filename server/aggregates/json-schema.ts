/**
 * The JSON Schema (draft 2020-12) of the aggregate file, as the import checks it. docs/aggregat.schema.json is this
 * object written out (test/unit/aggregates/file.test.ts holds them equal); change both together.
 */
export const aggregateJsonSchema = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://samspar.se/schemas/aggregat.schema.json",
  "title": "Samspår: ett förbunds aggregat av indikatorenkäterna för ett år",
  "description": "Det som ett förbund på en annan Samspår-installation skickar till den nationella sammanställningen: per enkätversion och svarsgrupp antalet svar per svarsvärde och fråga, bara för frågor med NNS nationella formulering (eller ordagrant ur en källa). Inget svar lämnar förbundet, och ingen cell under förbundets rapporteringsgräns k finns med: en fråga visar alla sina antal när vart och ett är 0 eller minst k, annars är alla frågans antal null, så att inget dolt antal kan räknas fram ur n och de andra (se server/aggregates/suppression.pure.ts). Hämtas med GET /api/v1/aggregates/:year och läses in med POST /api/v1/platform/aggregates.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "format",
    "formatVersion",
    "forbund",
    "year",
    "k",
    "questionnaires",
    "checksum"
  ],
  "properties": {
    "format": {
      "const": "samspar-aggregat"
    },
    "formatVersion": {
      "const": 1
    },
    "forbund": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "name"
      ],
      "properties": {
        "id": {
          "type": "string",
          "format": "uuid",
          "description": "Förbundets id på den installation där svaren finns."
        },
        "name": {
          "type": "string",
          "minLength": 1,
          "maxLength": 200
        }
      }
    },
    "year": {
      "type": "integer",
      "minimum": 1990,
      "maximum": 2100
    },
    "k": {
      "type": "integer",
      "minimum": 3,
      "maximum": 1000,
      "description": "Förbundets rapporteringsgräns: inget visat antal är under k."
    },
    "questionnaires": {
      "type": "array",
      "maxItems": 200,
      "items": {
        "$ref": "#/$defs/questionnaire"
      }
    },
    "checksum": {
      "type": "string",
      "pattern": "^[0-9a-f]{64}$",
      "description": "sha256, som 64 hexadecimala gemener, av dokumentet utan fältet checksum skrivet som kanonisk JSON: objektens nycklar sorterade efter UTF-16-kodenheter på varje nivå, inga mellanslag eller radbrytningar, listor i sin ordning, texter och tal som JSON.stringify skriver dem (dokumentet har bara heltal, så det är RFC 8785, JCS). Byte: UTF-8."
    }
  },
  "$defs": {
    "questionnaire": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "version",
        "source",
        "respondentGroup",
        "n",
        "questions"
      ],
      "properties": {
        "id": {
          "type": "string",
          "pattern": "^[a-z0-9-]{1,100}$",
          "description": "Enkätens id, t.ex. indikator-deltagare-pagaende."
        },
        "version": {
          "type": "integer",
          "minimum": 1,
          "description": "Enkätversionens nummer som förbundets installation numrerar den. Numret avgör inte om filen tas emot: varje förbund numrerar de NNS-versioner det läser in själv, så samma nationella text kan ha olika nummer på olika installationer. Den som läser in jämför i stället varje frågas formulering med de versioner av enkäten som den egna installationen känner till."
        },
        "source": {
          "enum": [
            "nns",
            "verbatim",
            "paraphrased",
            "samspar"
          ],
          "description": "Enkätens källa som dess definition anger den."
        },
        "respondentGroup": {
          "type": "string",
          "minLength": 1,
          "maxLength": 100
        },
        "n": {
          "type": "integer",
          "minimum": 3,
          "description": "Antal slutförda svar bakom siffrorna (minst k)."
        },
        "questions": {
          "type": "array",
          "maxItems": 200,
          "items": {
            "$ref": "#/$defs/question"
          }
        }
      }
    },
    "question": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "kind",
        "text",
        "counts"
      ],
      "properties": {
        "id": {
          "type": "string",
          "pattern": "^q[0-9]+[a-z]?$"
        },
        "kind": {
          "enum": [
            "frequency6",
            "scale6",
            "scale10",
            "yesno",
            "single"
          ]
        },
        "text": {
          "type": "string",
          "minLength": 1,
          "maxLength": 2000,
          "description": "Frågans nationella formulering på svenska, som den som läser in jämför med enkätversionens."
        },
        "counts": {
          "type": "object",
          "description": "Antal svar per svarsvärde (1–6, 1–10, ja/nej, alternativens koder; 0 är Vet inte / ej aktuellt), varje värde frågan kan ha. Alla null: frågan är dold.",
          "propertyNames": {
            "pattern": "^[a-z0-9_]{1,60}$"
          },
          "additionalProperties": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 0
          },
          "maxProperties": 60
        }
      }
    }
  }
} as const;
