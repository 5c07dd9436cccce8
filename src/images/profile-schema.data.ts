// The JSON Schema of profile files (draft-07). schemas/profile.schema.json is written from it by scripts/gen-validators.mjs
// (part of the build; a test keeps them equal).
/* eslint-disable */
export const PROFILE_SCHEMA = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://github.com/helm-image-variant/helm-image-variant/schemas/profile.schema.json",
  "title": "helm-image-variant chart profile",
  "description": "Describes a Helm chart for the image resolver: its image blocks, the workloads and containers they render into and when, the containers it copies verbatim from values, and whose image rules apply. See docs/profiles.md.",
  "type": "object",
  "required": [
    "name",
    "chart",
    "globalImage",
    "workloads",
    "fanOuts",
    "imageFields"
  ],
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string"
    },
    "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 100,
      "description": "The profile's name."
    },
    "chart": {
      "type": "string",
      "minLength": 1,
      "maxLength": 100,
      "description": "The chart's name, as in its Chart.yaml."
    },
    "description": {
      "type": "string",
      "maxLength": 2000
    },
    "globalImage": {
      "$ref": "#/definitions/path",
      "description": "Values path of the block every image block is merged with (sprig merge), e.g. global.image."
    },
    "helpers": {
      "type": "array",
      "maxItems": 20,
      "description": "The image helper by chart version: the first entry whose range holds applies (default gloo).",
      "items": {
        "type": "object",
        "required": [
          "helper"
        ],
        "additionalProperties": false,
        "properties": {
          "versions": {
            "$ref": "#/definitions/versions"
          },
          "helper": {
            "$ref": "#/definitions/helper"
          }
        }
      }
    },
    "rulesFrom": {
      "type": "string",
      "minLength": 1,
      "maxLength": 200,
      "description": "The gloo helper's rules come from this subchart's version."
    },
    "checks": {
      "type": "array",
      "maxItems": 100,
      "items": {
        "$ref": "#/definitions/check"
      }
    },
    "subcharts": {
      "type": "array",
      "maxItems": 50,
      "items": {
        "type": "object",
        "required": [
          "name",
          "profile"
        ],
        "additionalProperties": false,
        "properties": {
          "name": {
            "$ref": "#/definitions/path",
            "description": "The subchart's dotted values path from this chart (its name or alias)."
          },
          "profile": {
            "description": "A built-in profile name or a profile.",
            "anyOf": [
              {
                "type": "string",
                "minLength": 1
              },
              {
                "$ref": "#"
              }
            ]
          },
          "extend": {
            "type": "array",
            "maxItems": 20,
            "items": {
              "type": "object",
              "required": [
                "each",
                "containers"
              ],
              "additionalProperties": false,
              "properties": {
                "each": {
                  "$ref": "#/definitions/path"
                },
                "containers": {
                  "$ref": "#/definitions/containers"
                }
              }
            }
          }
        }
      }
    },
    "workloads": {
      "type": "array",
      "maxItems": 500,
      "items": {
        "type": "object",
        "required": [
          "kind",
          "name",
          "containers"
        ],
        "additionalProperties": false,
        "properties": {
          "kind": {
            "$ref": "#/definitions/kind"
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 300
          },
          "when": {
            "$ref": "#/definitions/condition"
          },
          "versions": {
            "$ref": "#/definitions/versions"
          },
          "containers": {
            "$ref": "#/definitions/containers"
          }
        }
      }
    },
    "fanOuts": {
      "type": "array",
      "maxItems": 100,
      "items": {
        "type": "object",
        "required": [
          "each",
          "kind",
          "containers"
        ],
        "additionalProperties": false,
        "properties": {
          "each": {
            "$ref": "#/definitions/path",
            "description": "Values path of a map: one workload per entry."
          },
          "base": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "description": "The entry every other is laid over (sprig mergeOverwrite)."
          },
          "versions": {
            "$ref": "#/definitions/versions"
          },
          "when": {
            "$ref": "#/definitions/condition"
          },
          "skip": {
            "$ref": "#/definitions/condition"
          },
          "name": {
            "type": "string",
            "maxLength": 300
          },
          "select": {
            "type": "object",
            "required": [
              "strategy",
              "perEntry"
            ],
            "additionalProperties": false,
            "properties": {
              "strategy": {
                "const": "gloo-dataplane"
              },
              "perEntry": {
                "$ref": "#/definitions/condition"
              },
              "placeholder": {
                "type": "object",
                "required": [
                  "when",
                  "key"
                ],
                "additionalProperties": false,
                "properties": {
                  "versions": {
                    "$ref": "#/definitions/versions"
                  },
                  "when": {
                    "$ref": "#/definitions/condition"
                  },
                  "key": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 200
                  }
                }
              },
              "emptyFails": {
                "type": "object",
                "required": [
                  "message"
                ],
                "additionalProperties": false,
                "properties": {
                  "versions": {
                    "$ref": "#/definitions/versions"
                  },
                  "message": {
                    "type": "string",
                    "maxLength": 2000
                  }
                }
              }
            }
          },
          "kind": {
            "type": "array",
            "minItems": 1,
            "maxItems": 20,
            "items": {
              "type": "object",
              "required": [
                "kind"
              ],
              "additionalProperties": false,
              "properties": {
                "when": {
                  "$ref": "#/definitions/condition"
                },
                "versions": {
                  "$ref": "#/definitions/versions"
                },
                "kind": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 200
                }
              }
            }
          },
          "checks": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "$ref": "#/definitions/check"
            }
          },
          "containers": {
            "$ref": "#/definitions/containers"
          }
        }
      }
    },
    "shapes": {
      "type": "array",
      "maxItems": 10000,
      "items": {
        "type": "object",
        "required": ["path", "type"],
        "additionalProperties": false,
        "properties": {
          "path": { "type": "string", "minLength": 1, "maxLength": 1000 },
          "type": { "enum": ["map"] },
          "field": { "type": "string", "maxLength": 200 },
          "versions": { "$ref": "#/definitions/versions" }
        }
      },
      "description": "Values the chart dereferences: another type there makes helm template fail (value-type)."
    },
    "imageFields": {
      "type": "array",
      "maxItems": 100,
      "items": {
        "type": "object",
        "required": [
          "kind",
          "name",
          "entries"
        ],
        "additionalProperties": false,
        "properties": {
          "kind": {
            "$ref": "#/definitions/kind"
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 300
          },
          "when": {
            "$ref": "#/definitions/condition"
          },
          "versions": {
            "$ref": "#/definitions/versions"
          },
          "checks": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "$ref": "#/definitions/check"
            }
          },
          "entries": {
            "type": "array",
            "maxItems": 50,
            "items": {
              "type": "object",
              "required": [
                "container",
                "image"
              ],
              "additionalProperties": false,
              "properties": {
                "container": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 200
                },
                "image": {
                  "$ref": "#/definitions/path"
                },
                "when": {
                  "$ref": "#/definitions/condition"
                },
                "versions": {
                  "$ref": "#/definitions/versions"
                },
                "optional": {
                  "type": "boolean"
                }
              }
            }
          }
        }
      }
    }
  },
  "definitions": {
    "path": {
      "type": "string",
      "minLength": 1,
      "maxLength": 500,
      "pattern": "^[^.\\s]+(\\.[^.\\s]+)*$",
      "description": "A dotted values path."
    },
    "condition": {
      "type": "string",
      "maxLength": 2000,
      "description": "A condition over the values (docs/profiles.md: paths, !, &&, ||, empty, eq, ne, kindIs, semverCompare, default)."
    },
    "versions": {
      "type": "string",
      "maxLength": 200,
      "pattern": "^\\s*((>=|<=|>|<|=)?v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?\\s*)+(\\|\\|\\s*((>=|<=|>|<|=)?v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?\\s*)+)*$",
      "description": "Chart versions: space-separated comparators that must all hold, such as >=1.17.0 <1.18.0-beta1, and alternatives separated by || (release order: beta < rc < release)."
    },
    "kind": {
      "type": "string",
      "minLength": 1,
      "maxLength": 100
    },
    "helper": {
      "enum": [
        "gloo",
        "plain",
        "raw",
        "gloo-fed",
        "gloo-fed-first-variant",
        "format"
      ]
    },
    "check": {
      "type": "object",
      "required": [
        "when",
        "message"
      ],
      "additionalProperties": false,
      "properties": {
        "when": {
          "$ref": "#/definitions/condition"
        },
        "message": {
          "type": "string",
          "minLength": 1,
          "maxLength": 2000
        },
        "versions": {
          "$ref": "#/definitions/versions"
        },
        "afterSkip": {
          "type": "boolean"
        },
        "license": {
          "type": "boolean",
          "description": "The chart's licence check: by default reported as info license-key-missing instead of failing (requireLicense makes it fail)."
        },
        "path": {
          "type": "string",
          "maxLength": 1000,
          "description": "The value the check is about, where its diagnostic points (e.g. license_key)."
        }
      }
    },
    "containers": {
      "type": "array",
      "maxItems": 100,
      "items": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "name": {
            "type": "string",
            "maxLength": 300
          },
          "image": {
            "type": "string",
            "minLength": 1,
            "maxLength": 500,
            "pattern": "^([$@]\\.)?[^.\\s]+(\\.[^.\\s]+)*$"
          },
          "passthrough": {
            "type": "string",
            "minLength": 1,
            "maxLength": 500,
            "pattern": "^([$]\\.)?[^.\\s]+(\\.[^.\\s]+)*$"
          },
          "init": {
            "type": "boolean"
          },
          "when": {
            "$ref": "#/definitions/condition"
          },
          "whenRaw": {
            "type": "boolean"
          },
          "fails": {
            "type": "object",
            "required": [
              "when",
              "message"
            ],
            "additionalProperties": false,
            "properties": {
              "when": {
                "$ref": "#/definitions/condition"
              },
              "message": {
                "type": "string",
                "minLength": 1,
                "maxLength": 2000
              },
              "versions": {
                "$ref": "#/definitions/versions"
              }
            }
          },
          "versions": {
            "$ref": "#/definitions/versions"
          },
          "eager": {
            "type": "boolean"
          },
          "helper": {
            "$ref": "#/definitions/helper"
          },
          "each": {
            "type": "string",
            "minLength": 1,
            "maxLength": 500,
            "pattern": "^([$]\\.)?[^.\\s]+(\\.[^.\\s]+)*$"
          },
          "format": {
            "type": "array",
            "minItems": 1,
            "maxItems": 10,
            "items": {
              "type": "object",
              "required": [
                "template"
              ],
              "additionalProperties": false,
              "properties": {
                "if": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 100
                },
                "template": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 1000
                }
              }
            }
          }
        },
        "oneOf": [
          {
            "required": [
              "image"
            ],
            "not": {
              "required": [
                "passthrough"
              ]
            }
          },
          {
            "required": [
              "passthrough"
            ],
            "not": {
              "required": [
                "image"
              ]
            }
          }
        ]
      }
    }
  }
} as const;
