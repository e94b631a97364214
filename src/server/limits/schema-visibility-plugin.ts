import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, visit, BREAK } from 'graphql';
import type { Viewer } from '../../auth/viewer';
import type { GatewayContext } from '../request-report';
import { IntrospectionForbiddenError } from './limit-errors';

/** Where a partner finds what introspection would have told it; both ship with the repository. */
export const INTROSPECTION_REFUSED = 'Introspection is available to ANALYST and ADMIN keys only. The schema is published as '
  + 'schema/schema.graphql in the Tenor repository (the SDL, with every type, field and description), and the partner guide '
  + 'is docs/api.md there; generate a typed client from the schema file as docs/mobile.md shows.';

const maySeeSchema = (viewer: Viewer): boolean => viewer.role === 'ANALYST' || viewer.role === 'ADMIN';

/** Apollo hands the same DocumentNode for a cached document, so the answer is kept with it. */
const introspects = new WeakMap<DocumentNode, boolean>();

function selectsIntrospection(document: DocumentNode): boolean {
  let found = introspects.get(document);
  if (found === undefined) introspects.set(document, (found = visitsIntrospection(document)));
  return found;
}

function visitsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Partners learn the schema from the documentation, not by probing: "Did you mean ...?" hints are
 * stripped from their validation errors, and in production only ANALYST and ADMIN keys (the
 * Sandbox included, which introspects with the key it is given) may introspect.
 */
export function schemaVisibilityPlugin(options: { isProduction: boolean }): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const privileged = maySeeSchema(contextValue.viewer);
      return {
        async validationDidStart() {
          return async (errors) => {
            if (privileged) return;
            for (const error of errors ?? []) error.message = error.message.replace(/ ?Did you mean(.+?)\?$/, '');
          };
        },
        async didResolveOperation({ document }) {
          if (options.isProduction && !privileged && selectsIntrospection(document)) throw new IntrospectionForbiddenError(INTROSPECTION_REFUSED);
        },
      };
    },
  };
}
