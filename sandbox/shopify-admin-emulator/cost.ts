// Shopify's calculated query cost. Requested cost is computed from the document before
// execution; actual cost from the data that came back (null objects and short pages cost less).
// Rules (shopify.dev "GraphQL Admin API rate limits"):
//   scalars and enums 0; an object 1 plus its selection; an interface or union the maximum over
//   its possible types; a connection 2 plus, per node, 1 plus the node's selection, sized by
//   `first`/`last` when requested and by the nodes returned when actual (edges, cursors and
//   pageInfo are free); a list of objects is sized by its `first` argument (1 without one);
//   a mutation field 10 plus its payload's selection (the payload object itself is free).
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

const MUTATION_BASE_COST = 10;
const CONNECTION_BASE_COST = 2;

interface CostContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Price fields switched off by @skip/@include as if selected (a Shopify that does not discount them). */
  chargeSkipped?: boolean;
}

interface SelectedField {
  node: FieldNode;
  def: GraphQLField<unknown, unknown>;
}

/** Fields selected on `parent`, by response key; `runtimeType` limits fragments to those that apply. */
function collectFields(
  ctx: CostContext,
  parent: GraphQLCompositeType,
  selectionSets: readonly SelectionSetNode[],
  runtimeType: GraphQLObjectType | null,
): Map<string, SelectedField[]> {
  const fields = new Map<string, SelectedField[]>();
  const applies = (typeName: string | undefined): GraphQLCompositeType | null => {
    const type = typeName ? (ctx.schema.getType(typeName) as GraphQLCompositeType | undefined) : parent;
    if (!type) return null;
    if (!runtimeType || type === runtimeType) return type;
    return isAbstractType(type) && ctx.schema.isSubType(type, runtimeType) ? type : null;
  };
  const included = (node: { directives?: readonly DirectiveNode[] }) =>
    ctx.chargeSkipped === true ||
    (getDirectiveValues(GraphQLSkipDirective, node, ctx.variables)?.if !== true &&
      getDirectiveValues(GraphQLIncludeDirective, node, ctx.variables)?.if !== false);
  const visit = (on: GraphQLCompositeType, selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === "Field") {
        if (selection.name.value.startsWith("__")) continue;
        const def = "getFields" in on ? on.getFields()[selection.name.value] : undefined;
        if (!def) continue;
        const key = selection.alias?.value ?? selection.name.value;
        fields.set(key, [...(fields.get(key) ?? []), { node: selection, def }]);
      } else if (selection.kind === "InlineFragment") {
        const type = applies(selection.typeCondition?.name.value);
        if (type) visit(type, selection.selectionSet);
      } else {
        const fragment = ctx.fragments[selection.name.value];
        const type = fragment && applies(fragment.typeCondition.name.value);
        if (fragment && type) visit(type, fragment.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) visit(parent, selectionSet);
  return fields;
}

function unwrap(type: GraphQLOutputType): { named: GraphQLNamedType; list: boolean } {
  const inner = isNonNullType(type) ? type.ofType : type;
  return { named: getNamedType(type), list: isListType(inner) };
}

function isConnection(type: GraphQLNamedType): type is GraphQLObjectType {
  return (
    isObjectType(type) &&
    type.name.endsWith("Connection") &&
    "pageInfo" in type.getFields() &&
    ("edges" in type.getFields() || "nodes" in type.getFields())
  );
}

function pageSize(ctx: CostContext, selected: SelectedField): number | null {
  const args = getArgumentValues(selected.def, selected.node, ctx.variables);
  const size = args.first ?? args.last;
  return typeof size === "number" ? size : null;
}

function childSets(selected: SelectedField[]): SelectionSetNode[] {
  return selected.flatMap(({ node }) => (node.selectionSet ? [node.selectionSet] : []));
}

/** The selection sets that apply to one node of a connection, via `nodes` or `edges { node }`. */
function nodeSelections(ctx: CostContext, connectionType: GraphQLObjectType, selected: SelectedField[]): SelectionSetNode[] {
  const sets: SelectionSetNode[] = [];
  for (const entries of collectFields(ctx, connectionType, childSets(selected), null).values()) {
    const def = entries[0].def;
    if (def.name === "nodes") sets.push(...childSets(entries));
    if (def.name !== "edges") continue;
    const edgeType = getNamedType(def.type) as GraphQLObjectType;
    for (const edgeEntries of collectFields(ctx, edgeType, childSets(entries), null).values()) {
      if (edgeEntries[0].def.name === "node") sets.push(...childSets(edgeEntries));
    }
  }
  return sets;
}

function connectionNodeType(connectionType: GraphQLObjectType): GraphQLCompositeType {
  const fields = connectionType.getFields();
  const nodes = fields.nodes ?? (getNamedType(fields.edges.type) as GraphQLObjectType).getFields().node;
  return getNamedType(nodes.type) as GraphQLCompositeType;
}

/** Requested cost of a selection on `type`: the maximum over the concrete types it may be. */
function requestedSelectionCost(ctx: CostContext, type: GraphQLCompositeType, selectionSets: readonly SelectionSetNode[]): number {
  const runtimeTypes = isAbstractType(type) ? ctx.schema.getPossibleTypes(type) : [type as GraphQLObjectType];
  let max = 0;
  for (const runtimeType of runtimeTypes) {
    let sum = 0;
    for (const selected of collectFields(ctx, type, selectionSets, runtimeType).values()) sum += requestedFieldCost(ctx, selected);
    max = Math.max(max, sum);
  }
  return max;
}

function requestedFieldCost(ctx: CostContext, selected: SelectedField[]): number {
  const first = selected[0];
  const { named, list } = unwrap(first.def.type);
  if (!isCompositeType(named)) return 0;
  const sets = childSets(selected);
  if (isConnection(named)) {
    const nodeCost = 1 + requestedSelectionCost(ctx, connectionNodeType(named), nodeSelections(ctx, named, selected));
    return CONNECTION_BASE_COST + (pageSize(ctx, first) ?? 1) * nodeCost;
  }
  const one = 1 + requestedSelectionCost(ctx, named, sets);
  return list ? (pageSize(ctx, first) ?? 1) * one : one;
}

/** Actual cost of what was returned for a selection on `type`. */
function actualSelectionCost(
  ctx: CostContext,
  type: GraphQLCompositeType,
  selectionSets: readonly SelectionSetNode[],
  value: Record<string, unknown>,
): number {
  let sum = 0;
  for (const [key, selected] of collectFields(ctx, type, selectionSets, null)) {
    if (value[key] !== undefined) sum += actualFieldCost(ctx, selected, value[key]);
  }
  return sum;
}

function actualFieldCost(ctx: CostContext, selected: SelectedField[], value: unknown): number {
  const { named } = unwrap(selected[0].def.type);
  if (!isCompositeType(named) || value === null || value === undefined) return 0;
  const sets = childSets(selected);
  if (isConnection(named)) {
    const page = value as { nodes?: Record<string, unknown>[]; edges?: { node?: Record<string, unknown> }[] };
    const count = Math.max(page.nodes?.length ?? 0, page.edges?.length ?? 0);
    const nodeType = connectionNodeType(named);
    const nodeSets = nodeSelections(ctx, named, selected);
    let cost = CONNECTION_BASE_COST;
    for (let index = 0; index < count; index++) {
      const node = { ...page.edges?.[index]?.node, ...page.nodes?.[index] };
      cost += 1 + actualSelectionCost(ctx, nodeType, nodeSets, node);
    }
    return cost;
  }
  const items = Array.isArray(value) ? value : [value];
  return items.reduce(
    (sum: number, item) => sum + (item === null ? 0 : 1 + actualSelectionCost(ctx, named, sets, item as Record<string, unknown>)),
    0,
  );
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLObjectType {
  const type = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!type) throw new Error(`schema has no ${operation.operation} type`);
  return type;
}

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  chargeSkipped?: boolean;
}

function rootCost(input: CostInput, fieldCost: (ctx: CostContext, selected: SelectedField[], key: string) => number): number {
  const ctx: CostContext = input;
  const root = rootType(input.schema, input.operation);
  const mutation = input.operation.operation === "mutation";
  let sum = 0;
  for (const [key, selected] of collectFields(ctx, root, [input.operation.selectionSet], root)) {
    const cost = fieldCost(ctx, selected, key);
    // A mutation's payload object is not charged on top of the mutation's own 10 points.
    sum += mutation ? MUTATION_BASE_COST + Math.max(0, cost - 1) : cost;
  }
  return sum;
}

export function requestedQueryCost(input: CostInput): number {
  return rootCost(input, (ctx, selected) => requestedFieldCost(ctx, selected));
}

export function actualQueryCost(input: CostInput, data: Record<string, unknown> | null | undefined): number {
  if (!data) return 0;
  // What came back is what is charged: a skipped field returned nothing, whatever the pricing.
  return rootCost({ ...input, chargeSkipped: false }, (ctx, selected, key) => actualFieldCost(ctx, selected, data[key]));
}
