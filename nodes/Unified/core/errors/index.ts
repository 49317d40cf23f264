/**
 * The error kinds every node builds, and their one conversion to n8n's errors. Code below the node files throws
 * a kind; `toNodeError` (fail the node) or `errorItem` (On Error: Continue, tool mode) turns it into what n8n
 * shows, once, with the item index and the API key redacted.
 *
 * - ParameterError: a parameter is wrong; nothing was sent (NodeOperationError naming the parameter)
 * - PassthroughFailure: a call failed: the upstream's or Unified's answer, the network, a limit (NodeApiError)
 * - OperationFailure: anything else the node cannot do: a credential, a cancel (NodeOperationError)
 */
export { ParameterError } from './parameterError';
export { PassthroughFailure } from './passthroughFailure';
export { OperationFailure } from './operationFailure';
export { localFailure } from './localFailure';
export { errorItem, toNodeError } from './toNodeError';
