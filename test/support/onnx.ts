// Builds tiny ONNX models in memory with protobufjs (a subset of onnx.proto: enough for graphs
// of standard operators with float/double/int initializers), so tests know every prediction.
import protobuf from 'protobufjs';
import { writeFileSync } from 'node:fs';

// Field numbers are onnx.proto's (github.com/onnx/onnx/blob/main/onnx/onnx.proto).
const root = protobuf.Root.fromJSON({
  nested: {
    onnx: {
      nested: {
        ModelProto: { fields: {
          ir_version: { type: 'int64', id: 1 }, producer_name: { type: 'string', id: 2 },
          graph: { type: 'GraphProto', id: 7 }, opset_import: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
        } },
        OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
        GraphProto: { fields: {
          node: { rule: 'repeated', type: 'NodeProto', id: 1 }, name: { type: 'string', id: 2 },
          initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
          input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 }, output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
        } },
        NodeProto: { fields: {
          input: { rule: 'repeated', type: 'string', id: 1 }, output: { rule: 'repeated', type: 'string', id: 2 },
          name: { type: 'string', id: 3 }, op_type: { type: 'string', id: 4 },
          attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 }, domain: { type: 'string', id: 7 },
        } },
        AttributeProto: { fields: {
          name: { type: 'string', id: 1 }, f: { type: 'float', id: 2 }, i: { type: 'int64', id: 3 },
          s: { type: 'bytes', id: 4 }, floats: { rule: 'repeated', type: 'float', id: 7 },
          ints: { rule: 'repeated', type: 'int64', id: 8 }, type: { type: 'int32', id: 20 },
        } },
        TensorProto: { fields: {
          dims: { rule: 'repeated', type: 'int64', id: 1 }, data_type: { type: 'int32', id: 2 },
          float_data: { rule: 'repeated', type: 'float', id: 4 }, int32_data: { rule: 'repeated', type: 'int32', id: 5 },
          int64_data: { rule: 'repeated', type: 'int64', id: 7 }, name: { type: 'string', id: 8 },
          double_data: { rule: 'repeated', type: 'double', id: 10 },
        } },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } } },
        TypeProto: { fields: { tensor_type: { type: 'TypeProtoTensor', id: 1 } } },
        TypeProtoTensor: { fields: { elem_type: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } } },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        Dimension: { fields: { dim_value: { type: 'int64', id: 1 }, dim_param: { type: 'string', id: 2 } } },
      },
    },
  },
});
const ModelProto = root.lookupType('onnx.ModelProto');

export type ElemType = 'float32' | 'float64' | 'int32' | 'int64';
const ELEM: Record<ElemType, number> = { float32: 1, int32: 6, int64: 7, float64: 11 };
const ATTR = { FLOAT: 1, INT: 2, INTS: 7 } as const;

/** A graph input or output: a name, an element type and a shape (strings are symbolic dims). */
export interface ValueSpec { name: string; type: ElemType; shape: (number | string)[] }
export interface Initializer { name: string; type: ElemType; dims: number[]; values: number[] }
export interface NodeSpec { op: string; inputs: string[]; outputs: string[]; attrs?: Record<string, number | number[]> }
export interface GraphSpec { inputs: ValueSpec[]; outputs: ValueSpec[]; initializers?: Initializer[]; nodes: NodeSpec[]; opset?: number }

function valueInfo(v: ValueSpec) {
  return {
    name: v.name,
    type: { tensor_type: { elem_type: ELEM[v.type], shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } } },
  };
}

function tensor(t: Initializer) {
  const base = { name: t.name, dims: t.dims, data_type: ELEM[t.type] };
  switch (t.type) {
    case 'float32': return { ...base, float_data: t.values };
    case 'float64': return { ...base, double_data: t.values };
    case 'int32': return { ...base, int32_data: t.values };
    case 'int64': return { ...base, int64_data: t.values };
  }
}

function attribute(name: string, v: number | number[]) {
  if (Array.isArray(v)) return { name, type: ATTR.INTS, ints: v };
  return Number.isInteger(v) ? { name, type: ATTR.INT, i: v } : { name, type: ATTR.FLOAT, f: v };
}

/** The serialized ModelProto for a graph. */
export function buildModel(g: GraphSpec): Uint8Array {
  const msg = ModelProto.fromObject({
    ir_version: 8,
    producer_name: 'modelops-tests',
    opset_import: [{ domain: '', version: g.opset ?? 13 }],
    graph: {
      name: 'g',
      input: g.inputs.map(valueInfo),
      output: g.outputs.map(valueInfo),
      initializer: (g.initializers ?? []).map(tensor),
      node: g.nodes.map((n, i) => ({
        name: `n${i}`, op_type: n.op, input: n.inputs, output: n.outputs,
        attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)),
      })),
    },
  });
  return ModelProto.encode(msg).finish();
}

export interface LinearOptions {
  /** Weight matrix, features × outputs (row-major as nested arrays). */
  weights: number[][];
  bias: number[];
  inputName?: string;
  outputName?: string;
  inputType?: ElemType;
  /** Final activation: softmax (classifier), sigmoid (binary score) or none (regressor / logits). */
  activation?: 'softmax' | 'sigmoid' | 'none';
  /** Batch dimension: symbolic by default; a number fixes it. */
  batch?: number | string;
}

/** x·W + b, then the activation: input [N, features], output [N, outputs]. */
export function linearModel(o: LinearOptions): Uint8Array {
  const features = o.weights.length;
  const outputs = o.bias.length;
  const type = o.inputType ?? 'float32';
  const x = o.inputName ?? 'features';
  const y = o.outputName ?? 'probabilities';
  const act = o.activation ?? 'softmax';
  const nodes: NodeSpec[] = [
    { op: 'MatMul', inputs: [x, 'W'], outputs: ['xw'] },
    { op: 'Add', inputs: ['xw', 'B'], outputs: [act === 'none' ? y : 'logits'] },
  ];
  if (act === 'softmax') nodes.push({ op: 'Softmax', inputs: ['logits'], outputs: [y], attrs: { axis: -1 } });
  if (act === 'sigmoid') nodes.push({ op: 'Sigmoid', inputs: ['logits'], outputs: [y] });
  const batch = o.batch ?? 'N';
  return buildModel({
    inputs: [{ name: x, type, shape: [batch, features] }],
    outputs: [{ name: y, type, shape: [batch, outputs] }],
    initializers: [
      { name: 'W', type, dims: [features, outputs], values: o.weights.flat() },
      { name: 'B', type, dims: [outputs], values: o.bias },
    ],
    nodes,
  });
}

export function writeModel(path: string, bytes: Uint8Array): string {
  writeFileSync(path, bytes);
  return path;
}
