// The process editor's and the monitoring page's side of bpmn-js (vendored in ../lib/bpmn-js,
// MIT: the bpmn.io watermark the library draws stays visible, nothing here hides it).
// Loaded by Blazor as an ES module (IJSObjectReference); the bundles are UMD scripts that both
// define window.BpmnJS, so each is loaded once and its constructor kept before the next one loads.

const lib = new URL('../lib/bpmn-js/', import.meta.url);

/** Our extension attributes (services/Scheduling/.../Processes/Model/ProcessDefinition.cs, CrmBpmn). */
export const crmAttributes = ['assignee', 'dueIn', 'reminders', 'taskType', 'action', 'emailTo', 'emailSubject', 'emailBody',
  'stageId', 'documentTemplateId', 'webhookUrl', 'onLate'];

/** The moddle descriptor: bpmn-js reads and writes crm:* as typed attributes, so they survive import and export. */
export const crmModdle = {
  name: 'CrmSuite',
  uri: 'http://crmsuite.dev/schema/bpmn/1.0',
  prefix: 'crm',
  xml: { tagAlias: 'lowerCase' },
  types: [{
    name: 'CrmAttributes',
    extends: ['bpmn:BaseElement'],
    isAbstract: true,
    properties: crmAttributes.map(name => ({ name, isAttr: true, type: 'String' })),
  }],
  enumerations: [],
  associations: [],
};

let loading = Promise.resolve();
const constructors = {};

function loadCss(file) {
  const href = new URL(file, lib).href;
  if (![...document.querySelectorAll('link[rel=stylesheet]')].some(l => l.href === href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }
}

/** One UMD bundle's BpmnJS constructor; bundles load one after the other. */
function loadBundle(file) {
  loading = loading.then(() => constructors[file] ?? new Promise((resolve, reject) => {
    const previous = window.BpmnJS;
    const script = document.createElement('script');
    script.src = new URL(file, lib).href;
    script.onload = () => {
      constructors[file] = window.BpmnJS;
      window.BpmnJS = previous;
      resolve(constructors[file]);
    };
    script.onerror = () => reject(new Error(`bpmn-js could not be loaded from ${script.src}`));
    document.head.appendChild(script);
  }));
  return loading;
}

function loadStyles() {
  loadCss('assets/diagram-js.css');
  loadCss('assets/bpmn-js.css');
  loadCss('assets/bpmn-font/css/bpmn.css');
}

// ---------------------------------------------------------------------------------------------
// What the engine runs: the palette, the context pad and the replace menu offer only that.

const allowedReplacements = new Set([
  'replace-with-none-start', 'replace-with-message-start', 'replace-with-timer-start',
  'replace-with-none-end',
  'replace-with-user-task', 'replace-with-service-task',
  'replace-with-exclusive-gateway', 'replace-with-parallel-gateway',
  'replace-with-timer-intermediate-catch',
  'replace-with-timer-boundary', 'replace-with-non-interrupting-timer-boundary',
  'replace-with-sequence-flow', 'replace-with-default-flow', 'replace-with-conditional-flow',
]);

function CrmPalette(palette, create, elementFactory, translate) {
  const creating = (type, title, className, options) => ({
    group: type.includes('Event') ? 'event' : type.includes('Gateway') ? 'gateway' : 'activity',
    className,
    title,
    action: {
      dragstart: event => create.start(event, elementFactory.createShape({ type, ...options })),
      click: event => create.start(event, elementFactory.createShape({ type, ...options })),
    },
  });
  palette.registerProvider(500, {
    getPaletteEntries: () => entries => {
      const kept = {};
      for (const key of ['hand-tool', 'lasso-tool', 'global-connect-tool', 'tool-separator', 'create.start-event', 'create.end-event']) {
        if (entries[key]) kept[key] = entries[key];
      }
      kept['create.timer-catch'] = creating('bpmn:IntermediateCatchEvent', translate('Create intermediate timer'),
        'bpmn-icon-intermediate-event-catch-timer', { eventDefinitionType: 'bpmn:TimerEventDefinition' });
      kept['create.exclusive-gateway'] = creating('bpmn:ExclusiveGateway', translate('Create exclusive gateway'), 'bpmn-icon-gateway-xor');
      kept['create.parallel-gateway'] = creating('bpmn:ParallelGateway', translate('Create parallel gateway'), 'bpmn-icon-gateway-parallel');
      kept['create.user-task'] = creating('bpmn:UserTask', translate('Create user task'), 'bpmn-icon-user-task');
      kept['create.service-task'] = creating('bpmn:ServiceTask', translate('Create service task'), 'bpmn-icon-service-task');
      return kept;
    },
  });
}
CrmPalette.$inject = ['palette', 'create', 'elementFactory', 'translate'];

function CrmContextPad(contextPad, modeling, autoPlace, elementFactory, translate) {
  const appending = (type, title, className, options) => ({
    group: 'model',
    className,
    title,
    action: { click: (event, element) => autoPlace.append(element, elementFactory.createShape({ type, ...options })) },
  });
  contextPad.registerProvider(500, {
    getContextPadEntries: element => entries => {
      const kept = {};
      for (const key of ['append.end-event', 'append.gateway', 'connect', 'replace', 'delete']) {
        if (entries[key]) kept[key] = entries[key];
      }
      const type = element.type;
      const canAppend = entries['append.end-event'] !== undefined;
      if (canAppend) {
        kept['append.user-task'] = appending('bpmn:UserTask', translate('Append user task'), 'bpmn-icon-user-task');
        kept['append.service-task'] = appending('bpmn:ServiceTask', translate('Append service task'), 'bpmn-icon-service-task');
        kept['append.timer'] = appending('bpmn:IntermediateCatchEvent', translate('Append intermediate timer'),
          'bpmn-icon-intermediate-event-catch-timer', { eventDefinitionType: 'bpmn:TimerEventDefinition' });
      }
      if (type === 'bpmn:UserTask') {
        kept['attach.boundary-timer'] = {
          group: 'model',
          className: 'bpmn-icon-intermediate-event-catch-non-interrupting-timer',
          title: translate('Attach a timer (when the task is late)'),
          action: { click: (event, task) => attachTimer(modeling, elementFactory, task) },
        };
      }
      return kept;
    },
  });
}
CrmContextPad.$inject = ['contextPad', 'modeling', 'autoPlace', 'elementFactory', 'translate'];

function attachTimer(modeling, elementFactory, task) {
  const shape = elementFactory.createShape({
    type: 'bpmn:BoundaryEvent', eventDefinitionType: 'bpmn:TimerEventDefinition', cancelActivity: false,
  });
  const taken = (task.attachers || []).length;
  return modeling.createShape(shape, { x: task.x + task.width - 20 - taken * 40, y: task.y + task.height }, task, { attach: true });
}

function CrmReplaceMenu(popupMenu) {
  popupMenu.registerProvider('bpmn-replace', 500, {
    getPopupMenuEntries: () => entries => Object.fromEntries(Object.entries(entries).filter(([id]) => allowedReplacements.has(id))),
    getPopupMenuHeaderEntries: () => () => ({}),
  });
}
CrmReplaceMenu.$inject = ['popupMenu'];

const crmEditorModule = {
  __init__: ['crmPalette', 'crmContextPad', 'crmReplaceMenu'],
  crmPalette: ['type', CrmPalette],
  crmContextPad: ['type', CrmContextPad],
  crmReplaceMenu: ['type', CrmReplaceMenu],
};

// ---------------------------------------------------------------------------------------------
// The editor.

function expressionText(expression) {
  return expression ? (expression.body ?? '') : null;
}

/** What the properties panel needs about one element; null for the process itself. */
function describe(element, definitions) {
  if (!element || !element.businessObject || element.type === 'bpmn:Process' || element.type === 'label') {
    return null;
  }
  const bo = element.businessObject;
  const attributes = {};
  for (const name of crmAttributes) {
    const value = bo.get('crm:' + name);
    if (value !== undefined && value !== null) attributes[name] = value;
  }
  const definition = (bo.eventDefinitions || [])[0];
  let eventDefinition = null;
  if (definition) {
    eventDefinition = {
      type: definition.$type,
      timeDuration: expressionText(definition.timeDuration),
      timeDate: expressionText(definition.timeDate),
      timeCycle: expressionText(definition.timeCycle),
      messageName: definition.messageRef ? (definition.messageRef.name ?? '') : null,
    };
  }
  const source = bo.sourceRef;
  return {
    id: bo.id,
    type: bo.$type,
    name: bo.name ?? '',
    attributes,
    eventDefinition,
    condition: bo.$type === 'bpmn:SequenceFlow' ? expressionText(bo.conditionExpression) : null,
    sourceType: source ? source.$type : null,
    isDefault: !!(source && source.default === bo),
    attachedTo: bo.attachedToRef ? bo.attachedToRef.id : null,
    interrupting: bo.$type === 'bpmn:BoundaryEvent' ? bo.cancelActivity !== false : null,
  };
}

// Diagrams on the page by the key .NET gave them (a component's own id): every call names one.
const diagrams = new Map();

function editor(key) {
  const found = diagrams.get(key);
  if (!(found instanceof Editor)) throw new Error(`No process editor ${key} on the page`);
  return found;
}

/**
 * A modeler in the container; it tells dotNet (OnElementSelected) what is selected, again whenever
 * that element changes (an edit, an undo), and (OnDiagramChanged) that the drawing changed.
 */
export async function createEditor(key, container, dotNet) {
  loadStyles();
  const Modeler = await loadBundle('bpmn-modeler.production.min.js');
  destroy(key);
  const modeler = new Modeler({
    container,
    additionalModules: [crmEditorModule],
    moddleExtensions: { crm: crmModdle },
  });
  diagrams.set(key, new Editor(modeler, dotNet));
}

export const importXml = (key, xml) => editor(key).importXml(xml);
export const exportXml = key => editor(key).exportXml();
export const setAttributes = (key, id, values) => editor(key).setAttributes(id, values);
export const setName = (key, id, name) => editor(key).setName(id, name);
export const setCondition = (key, id, text) => editor(key).setCondition(id, text);
export const setDefaultFlow = (key, id, isDefault) => editor(key).setDefaultFlow(id, isDefault);
export const setTimer = (key, id, kind, value) => editor(key).setTimer(id, kind, value);
export const setStartTrigger = (key, id, trigger) => editor(key).setStartTrigger(id, trigger);
export const setInterrupting = (key, id, interrupting) => editor(key).setInterrupting(id, interrupting);
export const selectElement = (key, id) => editor(key).select(id);
export const markProblems = (key, ids) => editor(key).markProblems(ids);
export const undo = key => editor(key).undo();

/** Lets the diagram go (the component is disposed). */
export function destroy(key) {
  const found = diagrams.get(key);
  diagrams.delete(key);
  if (found) found.destroy();
}

class Editor {
  constructor(modeler, dotNet) {
    this.modeler = modeler;
    this.dotNet = dotNet;
    this.selected = null;
    this.problems = [];
    const events = modeler.get('eventBus');
    events.on('selection.changed', e => this.report(e.newSelection.length === 1 ? e.newSelection[0] : null));
    events.on('elements.changed', e => {
      if (this.selected && e.elements.some(el => el.id === this.selected)) {
        this.report(modeler.get('elementRegistry').get(this.selected));
      }
    });
    events.on('commandStack.changed', () => this.dotNet && this.dotNet.invokeMethodAsync('OnDiagramChanged').catch(() => {}));
  }

  get(service) { return this.modeler.get(service); }

  report(element) {
    // A click on a flow's or an event's label selects the label: its properties are its element's.
    if (element && element.type === 'label') element = element.labelTarget;
    this.selected = element ? element.id : null;
    const description = element ? describe(element) : null;
    if (this.dotNet) this.dotNet.invokeMethodAsync('OnElementSelected', description).catch(() => {});
  }

  element(id) {
    const element = this.get('elementRegistry').get(id);
    if (!element) throw new Error(`No element ${id} in the diagram`);
    return element;
  }

  /** Imports the XML; answers the warnings bpmn-js reported (texts), or throws with the reason. */
  async importXml(xml) {
    const result = await this.modeler.importXML(xml);
    fitBesidePalette(this.get('canvas'));
    this.problems = [];
    this.report(null);
    return (result.warnings || []).map(w => w.message);
  }

  async exportXml() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  /** crm:* attributes; null or '' removes one. One command, so one undo. */
  setAttributes(id, values) {
    const properties = {};
    for (const [name, value] of Object.entries(values)) {
      if (!crmAttributes.includes(name)) throw new Error(`Unknown attribute ${name}`);
      properties['crm:' + name] = value === null || value === '' ? undefined : value;
    }
    this.get('modeling').updateProperties(this.element(id), properties);
  }

  setName(id, name) {
    this.get('modeling').updateLabel(this.element(id), name);
  }

  /** A sequence flow's NCalc condition; empty removes it. */
  setCondition(id, text) {
    const element = this.element(id);
    const condition = text ? this.get('moddle').create('bpmn:FormalExpression', { body: text }) : undefined;
    this.get('modeling').updateProperties(element, { conditionExpression: condition });
  }

  /** Makes the flow its gateway's default (or not). */
  setDefaultFlow(id, isDefault) {
    const flow = this.element(id);
    const gateway = flow.source;
    const current = gateway.businessObject.default;
    if (isDefault) {
      this.get('modeling').updateProperties(gateway, { default: flow.businessObject });
    } else if (current === flow.businessObject) {
      this.get('modeling').updateProperties(gateway, { default: undefined });
    }
  }

  /** A timer's one definition: kind is "timeDuration", "timeDate" or "timeCycle"; the others are removed. */
  setTimer(id, kind, value) {
    const element = this.element(id);
    const definition = element.businessObject.eventDefinitions[0];
    const moddle = this.get('moddle');
    const properties = { timeDuration: undefined, timeDate: undefined, timeCycle: undefined };
    if (value) properties[kind] = moddle.create('bpmn:FormalExpression', { body: value });
    this.get('modeling').updateModdleProperties(element, definition, properties);
  }

  /**
   * What starts the process: "manual" (a none start), "timer", or a message name
   * ("lead.created", "deal.stageChanged", "company.created"). Answers the start event's id.
   */
  setStartTrigger(id, trigger) {
    let element = this.element(id);
    const want = trigger === 'manual' ? null : trigger === 'timer' ? 'bpmn:TimerEventDefinition' : 'bpmn:MessageEventDefinition';
    const current = (element.businessObject.eventDefinitions || [])[0];
    if ((current ? current.$type : null) !== want) {
      element = this.get('bpmnReplace').replaceElement(element, want ? { type: 'bpmn:StartEvent', eventDefinitionType: want } : { type: 'bpmn:StartEvent' });
      this.get('selection').select(element);
    }
    if (want === 'bpmn:MessageEventDefinition') {
      const definition = element.businessObject.eventDefinitions[0];
      const definitions = this.modeler.getDefinitions();
      let message = definitions.rootElements.find(e => e.$type === 'bpmn:Message' && e.name === trigger);
      if (!message) {
        message = this.get('bpmnFactory').create('bpmn:Message', { name: trigger });
        this.get('modeling').updateModdleProperties(element, definitions, { rootElements: [...definitions.rootElements, message] });
      }
      this.get('modeling').updateModdleProperties(element, definition, { messageRef: message });
    }
    this.report(element);
    return element.id;
  }

  /** A boundary timer: true ends the task when it fires (bpmn cancelActivity). */
  setInterrupting(id, interrupting) {
    this.get('modeling').updateProperties(this.element(id), { cancelActivity: interrupting });
  }

  select(id) {
    const element = this.get('elementRegistry').get(id);
    if (!element) return false;
    this.get('selection').select(element);
    this.get('canvas').scrollToElement(element);
    return true;
  }

  /** Marks the elements publishing would refuse (and clears the previous marks). */
  markProblems(ids) {
    const canvas = this.get('canvas');
    const registry = this.get('elementRegistry');
    for (const id of this.problems) if (registry.get(id)) canvas.removeMarker(id, 'crm-problem');
    this.problems = ids.filter(id => registry.get(id));
    for (const id of this.problems) canvas.addMarker(id, 'crm-problem');
    return this.problems.length;
  }

  undo() { this.get('commandStack').undo(); }

  destroy() {
    this.dotNet = null;
    this.modeler.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The monitoring viewer.

const stateClasses = { done: 'crm-done', active: 'crm-active', late: 'crm-late', failed: 'crm-failed' };

/**
 * Zooms the whole diagram into view right of the palette, never above 100 %: bpmn-js's own
 * 'fit-viewport' uses the full width, so the palette covered the first steps of a drawn process.
 */
function fitBesidePalette(canvas) {
  const container = canvas.getContainer();
  const palette = container.querySelector('.djs-palette');
  const margin = 16;
  const left = (palette ? palette.offsetLeft + palette.offsetWidth : 0) + margin;
  const { inner, outer } = canvas.viewbox();
  if (!inner.width || !inner.height || outer.width <= left + margin) {
    canvas.zoom('fit-viewport', 'auto');
    return;
  }
  const scale = Math.min(1, (outer.width - left - margin) / inner.width, (outer.height - 2 * margin) / inner.height);
  const height = outer.height / scale;
  canvas.viewbox({ x: inner.x - left / scale, y: inner.y - (height - inner.height) / 2, width: outer.width / scale, height });
}

/**
 * A read-only diagram of an instance: each element in states ({ elementId, state } with state done /
 * active / late / failed) gets its colour, and a badge with the text badges[state] when given.
 * Answers the import warnings.
 */
export async function showInstance(key, container, xml, states, badges) {
  loadStyles();
  const Viewer = await loadBundle('bpmn-navigated-viewer.production.min.js');
  const viewer = new Viewer({ container, moddleExtensions: { crm: crmModdle } });
  destroy(key);
  const result = await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  canvas.zoom('fit-viewport', 'auto');
  for (const { elementId, state } of states || []) {
    if (!registry.get(elementId) || !stateClasses[state]) continue;
    canvas.addMarker(elementId, stateClasses[state]);
    if (badges && badges[state]) {
      overlays.add(elementId, 'crm-state', {
        position: { top: -12, right: 12 },
        html: `<span class="crm-state-badge crm-state-badge-${state}">${badges[state].replace(/[<>&]/g, '')}</span>`,
      });
    }
  }
  diagrams.set(key, new Monitor(viewer));
  return (result.warnings || []).map(w => w.message);
}

/** The ids of the elements the viewer shows in a state (done, active, late, failed): for checks. */
export function markedElements(key, state) {
  const found = diagrams.get(key);
  return found instanceof Monitor ? found.marked(stateClasses[state]) : [];
}

class Monitor {
  constructor(viewer) { this.viewer = viewer; }
  marked(className) { return this.viewer.get('elementRegistry').filter(e => this.viewer.get('canvas').hasMarker(e, className)).map(e => e.id); }
  destroy() { this.viewer.destroy(); }
}
