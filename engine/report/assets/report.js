// localmap report: presents the data embedded in the page (see
// engine/report/report_data.hpp for its shape).  Every decision about fields,
// classes, labels and groups was made when the report was written; this code
// only draws, with Leaflet, and builds the panel and tables.  Text from the
// data is always inserted as text (never as HTML).
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('localmap-data').textContent);
  const S = data.strings;
  const units = data.units;
  const numberFormat = new Intl.NumberFormat(data.lang === 'ar' ? 'ar-u-nu-latn' : 'en', { maximumFractionDigits: 2 });

  // ---- small helpers -------------------------------------------------------

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([k, v]) => {
      if (v !== undefined && v !== null) node.setAttribute(k, v);
    });
    (children || []).forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  function formatValue(v) {
    if (v === null || v === undefined || v === '') return '–';
    return typeof v === 'number' ? numberFormat.format(v) : String(v);
  }

  // Names in either script keep their own direction inside text of the other.
  function isolated(text, lang) {
    return el('bdi', { lang: lang }, [text === null || text === undefined ? '' : String(text)]);
  }

  function unitName(props) {
    const en = units.name_en ? props[units.name_en] : null;
    const ar = units.name_ar ? props[units.name_ar] : null;
    return (data.lang === 'ar' ? ar || en : en || ar) || props[units.code] || '';
  }

  function parentName(props) {
    const en = units.parent_en ? props[units.parent_en] : null;
    const ar = units.parent_ar ? props[units.parent_ar] : null;
    return (data.lang === 'ar' ? ar || en : en || ar) || '';
  }

  function label(field) {
    return data.labels[field] || field;
  }

  // ---- header --------------------------------------------------------------

  if (data.synthetic) {
    const banner = document.getElementById('synthetic-banner');
    banner.textContent = S.synthetic;
    banner.hidden = false;
  }
  document.getElementById('report-note').textContent =
    S.offline + (data.issue_field && !data.points.some((p) => p.role === 'issues') ? ' ' + S.points_hidden : '');

  // ---- map -----------------------------------------------------------------

  const map = L.map('map', { zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.setPrefix(false);  // no outgoing link in an offline page
  if (data.tiles.url) L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);

  let choropleth = data.choropleths[data.chosen] || null;
  let selected = -1;

  function classOf(value) {
    if (!choropleth || value === null || value === undefined) return -1;
    for (let i = 0; i < choropleth.breaks.length; i++) if (value <= choropleth.breaks[i]) return i;
    return choropleth.breaks.length;
  }

  function fillOf(index) {
    if (!choropleth) return data.no_data_colour;
    const c = classOf(units.features[index].props[choropleth.field]);
    return c < 0 ? data.no_data_colour : choropleth.colours[c];
  }

  function unitStyle(index) {
    const isSelected = index === selected;
    return { fillColor: fillOf(index), fillOpacity: 0.85, color: isSelected ? '#000' : '#555',
             weight: isSelected ? 3 : 0.8, className: 'lm-unit' };
  }

  const unitLayer = L.featureGroup();
  const unitShapes = units.features.map((feature, index) => {
    const shape = L.polygon(feature.shape, unitStyle(index));
    shape.on('click', () => select(index, false));
    shape.bindTooltip(() => unitName(feature.props), { sticky: true, direction: 'top' });
    unitLayer.addLayer(shape);
    return shape;
  });
  // The map needs a view before layers draw (Leaflet adds them when ready).
  if (unitShapes.length) map.fitBounds(unitLayer.getBounds(), { padding: [8, 8] });
  else map.setView([0, 0], 2);
  unitLayer.addTo(map);
  unitShapes.forEach((shape, index) => {
    const element = shape.getElement();
    if (element) element.setAttribute('data-code', units.features[index].props[units.code]);
  });

  const overlays = {};
  overlays[units.label] = unitLayer;

  data.outlines.forEach((level, k) => {
    const group = L.featureGroup(level.features.map((f) =>
      L.polygon(f.shape, { fill: false, color: '#222', weight: k === 0 ? 2.4 : 3.2, interactive: false,
                           className: 'lm-outline' })));
    group.addTo(map);
    overlays[level.label] = group;
  });

  // Issues per unit: a circle at a point inside each unit, area proportional
  // to the count.  Individual reports are never drawn unless the run allowed it.
  let issueLayer = null;
  if (data.issue_field) {
    const counts = units.features.map((f) => f.props[data.issue_field] || 0);
    const largest = Math.max(1, ...counts);
    issueLayer = L.featureGroup();
    units.features.forEach((f, index) => {
      if (!f.label_point || !counts[index]) return;
      const circle = L.circleMarker(f.label_point, {
        radius: 3 + 17 * Math.sqrt(counts[index] / largest), color: '#3b1f0b', weight: 1,
        fillColor: '#7f2704', fillOpacity: 0.35, className: 'lm-issue-count' });
      circle.bindTooltip(unitName(f.props) + ': ' + formatValue(counts[index]));
      circle.on('click', () => select(index, false));
      issueLayer.addLayer(circle);
    });
    issueLayer.addTo(map);
    overlays[data.issue_label] = issueLayer;
  }

  const STATUS_COLOURS = { operational: '#1a9641', damaged: '#d7191c', rehabilitated: '#fdae61' };
  const OTHER_COLOURS = ['#2b83ba', '#7b3294', '#636363', '#e7298a', '#66a61e'];
  const SHAPES = 6;

  function statusColour(layer, status) {
    if (STATUS_COLOURS[status]) return STATUS_COLOURS[status];
    const i = Math.max(0, layer.statuses.indexOf(status));
    return OTHER_COLOURS[i % OTHER_COLOURS.length];
  }

  function popupFor(layer, props) {
    const rows = Object.entries(props).filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => el('tr', {}, [el('td', {}, [k]), el('td', {}, [isolated(v)])]));
    const name = layer.name_field ? props[layer.name_field] : '';
    return el('div', { class: 'lm-popup' }, [el('h4', {}, [isolated(name || layer.label)]), el('table', {}, rows)]);
  }

  const pointLayers = [];
  data.points.forEach((layer) => {
    const group = L.featureGroup();
    layer.features.forEach((f) => {
      let marker;
      if (layer.role === 'facilities') {
        const type = layer.type_field ? f.props[layer.type_field] : '';
        const status = layer.status_field ? f.props[layer.status_field] : '';
        const shape = Math.max(0, layer.types.indexOf(String(type))) % SHAPES;
        const span = el('span');
        span.style.background = statusColour(layer, String(status));
        marker = L.marker(f.at, { keyboard: false, icon: L.divIcon({
          className: 'lm-point lm-point-icon lm-facility lm-shape-' + shape, html: span, iconSize: [14, 14] }) });
      } else if (layer.role === 'issues') {
        marker = L.circleMarker(f.at, { radius: 3, color: '#fff', weight: 0.5, fillColor: '#b30000',
                                        fillOpacity: 0.8, className: 'lm-point lm-issue' });
      } else {
        marker = L.circleMarker(f.at, { radius: 5, color: '#fff', weight: 1, fillColor: '#6a3d9a',
                                        fillOpacity: 0.95, className: 'lm-point lm-partner' });
      }
      marker.bindPopup(() => popupFor(layer, f.props));
      group.addLayer(marker);
    });
    group.addTo(map);
    overlays[layer.label] = group;
    pointLayers.push({ layer: layer, group: group });
  });

  const overlayGroups = [];
  data.overlays.forEach((overlay) => {
    if (overlay.kind === 'table') return;
    const group = L.featureGroup();
    overlay.features.forEach((f) => {
      let item = null;
      const cls = 'lm-overlay lm-overlay-' + overlay.id;
      if (f.shape) item = L.polygon(f.shape, { color: overlay.colour, weight: 1, fillOpacity: 0.3, dashArray: '4 3', className: cls });
      else if (f.line) item = L.polyline(f.line, { color: overlay.colour, weight: overlay.id.startsWith('suggested') ? 2 : 1.5,
                                                   dashArray: overlay.id.startsWith('suggested') ? '6 4' : null, className: cls });
      else if (f.at) item = L.circleMarker(f.at, { radius: 7, color: '#000', weight: 1.5, fillColor: overlay.colour, fillOpacity: 0.9, className: cls });
      if (!item) return;
      item.bindPopup(() => popupFor({ label: overlay.label, name_field: '' }, f.props));
      group.addLayer(item);
    });
    group.addTo(map);
    overlays[overlay.label] = group;
    overlayGroups.push({ overlay: overlay, group: group });
  });

  L.control.layers(null, overlays, { collapsed: false, position: 'topright' }).addTo(map);

  // ---- choropleth field and legend ----------------------------------------

  const legend = L.control({ position: 'bottomright' });
  legend.onAdd = () => {
    const box = el('div', { class: 'lm-legend', id: 'lm-legend' });
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  legend.addTo(map);

  function swatch(colour, extraClass) {
    const s = el('span', { class: 'lm-swatch' + (extraClass ? ' ' + extraClass : '') });
    s.style.background = colour;
    return s;
  }

  function drawLegend() {
    const box = document.getElementById('lm-legend');
    box.replaceChildren();
    if (map.hasLayer(unitLayer)) {
      box.append(el('h4', {}, [choropleth ? choropleth.label : units.label]));
      if (choropleth) {
        choropleth.class_labels.forEach((text, i) =>
          box.append(el('div', { class: 'row lm-legend-class' }, [swatch(choropleth.colours[i]), text])));
      }
      box.append(el('div', { class: 'row' }, [swatch(data.no_data_colour), S.no_data]));
    }
    pointLayers.forEach(({ layer, group }) => {
      if (!map.hasLayer(group)) return;
      box.append(el('h4', {}, [layer.label]));
      if (layer.role === 'facilities') {
        layer.types.forEach((t, i) => box.append(el('div', { class: 'row' },
          [swatch('#888', 'lm-shape-' + (i % SHAPES)), layer.type_labels[t] || t])));
        layer.statuses.forEach((s) => box.append(el('div', { class: 'row' },
          [swatch(statusColour(layer, s)), layer.status_labels[s] || s])));
      } else {
        box.append(el('div', { class: 'row' }, [swatch(layer.role === 'issues' ? '#b30000' : '#6a3d9a', 'lm-shape-0'), layer.label]));
      }
    });
    if (issueLayer && map.hasLayer(issueLayer)) {
      box.append(el('h4', {}, [data.issue_label]));
      box.append(el('div', { class: 'row' }, [swatch('rgba(127,39,4,0.35)', 'lm-shape-0'), data.issue_layer_label]));
    }
    overlayGroups.forEach(({ overlay, group }) => {
      if (map.hasLayer(group)) box.append(el('div', { class: 'row' }, [swatch(overlay.colour), overlay.label]));
    });
  }

  if (data.choropleths.length > 1) {
    const fieldControl = L.control({ position: 'topleft' });
    fieldControl.onAdd = () => {
      const select = el('select', { id: 'lm-field', 'aria-label': S.colour_by },
        data.choropleths.map((c, i) => el('option', { value: String(i) }, [c.label])));
      select.value = String(data.chosen);
      select.addEventListener('change', () => {
        choropleth = data.choropleths[Number(select.value)];
        unitShapes.forEach((shape, index) => shape.setStyle(unitStyle(index)));
        drawLegend();
      });
      const box = el('div', { class: 'lm-field-control' }, [el('label', { for: 'lm-field' }, [S.colour_by + ' ']), select]);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    fieldControl.addTo(map);
  }

  map.on('overlayadd overlayremove', drawLegend);
  drawLegend();

  // ---- the unit panel -------------------------------------------------------

  const panel = document.getElementById('panel');

  function showHint() {
    panel.replaceChildren(el('p', { class: 'hint' }, [S.click_hint]));
  }

  function categoryChart(props) {
    const values = data.categories.map((c) => props[c.field] || 0);
    const largest = Math.max(1, ...values);
    const rows = data.categories.map((c, i) => {
      const bar = el('div', { class: 'lm-bar' });
      bar.style.width = (100 * values[i] / largest).toFixed(1) + '%';
      return el('div', { class: 'lm-bar-row', 'data-field': c.field },
        [el('span', {}, [c.label]), el('div', { class: 'lm-bar-track' }, [bar]),
         el('span', { class: 'lm-bar-value' }, [formatValue(values[i])])]);
    });
    return el('div', { class: 'lm-chart', id: 'lm-category-chart' }, [el('h3', {}, [S.categories_chart]), ...rows]);
  }

  // The priority score and what makes it up (priorities.csv), largest
  // contribution first, with each indicator's raw value.
  const scoreFormat = new Intl.NumberFormat(data.lang === 'ar' ? 'ar-u-nu-latn' : 'en',
    { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  function formatScore(v) {
    return typeof v === 'number' ? scoreFormat.format(v) : formatValue(v);
  }
  const indicators = {};
  if (data.priorities) data.priorities.indicators.forEach((ind) => { indicators[ind.name] = ind; });
  const unitCount = units.features.length;

  function prioritySection(code) {
    const p = data.priorities && data.priorities.units[code];
    if (!p) return null;
    const parts = [el('h3', {}, [S.priority])];
    const facts = [S.priority_score + ': ', el('strong', { id: 'lm-priority-score', 'data-value': String(p.score) }, [formatScore(p.score)])];
    if (p.rank !== null) facts.push(' · ' + S.rank + ' ', el('span', { id: 'lm-priority-rank' }, [formatValue(p.rank)]), ' ' + S.of + ' ' + formatValue(unitCount));
    if (p.tier) facts.push(' · ' + S.tier + ': ', el('span', { id: 'lm-priority-tier' }, [p.tier_label || p.tier]));
    parts.push(el('p', { class: 'lm-score-line' }, facts));
    parts.push(el('p', { class: 'lm-note' }, [S.breakdown]));
    const largest = Math.max(1e-12, ...p.breakdown.map((b) => Math.abs(b.contrib || 0)));
    const rows = [el('div', { class: 'lm-contrib-row lm-contrib-head' },
      [el('span', {}, [S.indicator]), el('span'), el('span', { class: 'lm-contrib-value' }, [S.contribution]),
       el('span', { class: 'lm-raw-value' }, [S.raw_value])])];
    let lower = false;
    p.breakdown.forEach((b) => {
      const ind = indicators[b.name] || { label: b.name, weight: null, direction: '' };
      if (ind.direction === 'lower') lower = true;
      const bar = el('div', { class: 'lm-bar' + (b.contrib < 0 ? ' lm-negative' : '') });
      bar.style.width = (100 * Math.abs(b.contrib || 0) / largest).toFixed(1) + '%';
      const title = ind.weight !== null ? S.weight + ' ' + formatValue(ind.weight) : null;
      rows.push(el('div', { class: 'lm-contrib-row', 'data-indicator': b.name, 'data-contrib': String(b.contrib),
                            'data-value': String(b.value), title: title },
        [el('span', { class: 'lm-contrib-label' }, [ind.label + (ind.direction === 'lower' ? ' ↓' : '')]),
         el('div', { class: 'lm-bar-track' }, [bar]),
         el('span', { class: 'lm-contrib-value' }, [formatScore(b.contrib)]),
         el('span', { class: 'lm-raw-value' }, [formatValue(b.value)])]));
    });
    parts.push(el('div', { id: 'lm-priority-breakdown' }, rows));
    if (lower) parts.push(el('p', { class: 'lm-note' }, [S.lower_first]));
    const stability = [];
    if (p.rank_p05 !== null && p.rank_p95 !== null)
      stability.push(S.rank_interval + ': ' + formatValue(p.rank_p05) + '–' + formatValue(p.rank_p95));
    if (p.p_top_k !== null && data.priorities.top_k)
      stability.push(S.p_top + ' ' + formatValue(data.priorities.top_k) + ': ' + formatValue(p.p_top_k));
    if (p.unstable !== null) stability.push(p.unstable ? S.unstable : S.stable);
    if (stability.length) parts.push(el('p', { class: 'lm-note', id: 'lm-priority-stability' }, [stability.join(' · ')]));
    return el('section', { id: 'lm-priority', class: 'lm-priority' }, parts);
  }

  // The district's row of the action plan (action_plan.csv).
  const planByCode = {};
  if (data.action_plan) data.action_plan.rows.forEach((row) => { planByCode[row.code] = row; });

  function actionPlanSection(code) {
    if (!data.action_plan) return null;
    const row = planByCode[code];
    const parts = [el('h3', {}, [S.action_plan])];
    if (!row) {
      parts.push(el('p', { class: 'lm-note' }, [S.not_in_plan]));
    } else {
      const columns = data.action_plan.columns;
      const rows = data.action_plan.panel.map((key) => {
        const c = columns.findIndex((x) => x.key === key);
        const v = row.values[c];
        return el('tr', {}, [el('td', {}, [columns[c].label]),
          el('td', { class: 'lm-plan-value', 'data-key': key }, [columns[c].numeric ? formatValue(v) : isolated(formatValue(v))])]);
      });
      parts.push(el('table', { class: 'lm-plan-row' }, rows));
    }
    return el('section', { id: 'lm-action-row' }, parts);
  }

  function showUnit(index) {
    const props = units.features[index].props;
    const other = data.lang === 'ar' ? props[units.name_en] : props[units.name_ar];
    const otherLang = data.lang === 'ar' ? 'en' : 'ar';
    const parts = [el('h2', { id: 'lm-unit-name' }, [isolated(unitName(props), data.lang)])];
    if (other) parts.push(el('p', { class: 'other-name', lang: otherLang, dir: otherLang === 'ar' ? 'rtl' : 'ltr' }, [other]));
    const parent = parentName(props);
    parts.push(el('p', { class: 'unit-code' }, [S.code + ': ', isolated(props[units.code]),
      parent ? ' · ' + units.parent_label + ': ' : '', parent ? isolated(parent) : '']));
    const priority = prioritySection(props[units.code]);
    if (priority) parts.push(priority);
    const plan = actionPlanSection(props[units.code]);
    if (plan) parts.push(plan);
    if (data.categories.length) parts.push(categoryChart(props));
    data.groups.forEach((group) => {
      const rows = group.fields.map((field) => el('tr', {}, [
        el('td', {}, [label(field)]),
        el('td', { class: 'lm-value', 'data-field': field }, [formatValue(props[field])])]));
      parts.push(el('h3', {}, [group.label]), el('table', { class: 'lm-group', 'data-group': group.key }, rows));
    });
    panel.replaceChildren(...parts);
    panel.scrollTop = 0;
  }

  function select(index, zoom) {
    const previous = selected;
    selected = index;
    if (previous >= 0) unitShapes[previous].setStyle(unitStyle(previous));
    unitShapes[index].setStyle(unitStyle(index));
    unitShapes[index].bringToFront();
    if (zoom) map.fitBounds(unitShapes[index].getBounds(), { maxZoom: map.getZoom() + 2 });
    showUnit(index);
    document.querySelectorAll('#lm-units-table tbody tr, #lm-action-plan-table tbody tr').forEach((tr) =>
      tr.classList.toggle('selected', Number(tr.dataset.index) === index));
  }

  // ---- tables ---------------------------------------------------------------

  function compareValues(a, b) {
    const missingA = a === null || a === undefined || a === '';
    const missingB = b === null || b === undefined || b === '';
    if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a).localeCompare(String(b), data.lang);
  }

  // A table whose columns sort on click (missing values always last).
  function sortableTable(id, columns, rows, sortColumn, descending, onRowClick) {
    const table = el('table', { class: 'lm-table', id: id });
    const head = el('tr');
    const body = el('tbody');
    let sortBy = sortColumn;
    let down = descending;
    function render() {
      const order = rows.map((r, i) => i);
      const k = columns.findIndex((c) => c.key === sortBy);
      if (k >= 0) {
        order.sort((i, j) => {
          const a = rows[i].values[k], b = rows[j].values[k];
          const missing = (v) => v === null || v === undefined || v === '';
          if (missing(a) || missing(b)) return compareValues(a, b);
          return down ? compareValues(b, a) : compareValues(a, b);
        });
      }
      body.replaceChildren(...order.map((i) => {
        const tr = el('tr', { 'data-index': String(rows[i].index) }, rows[i].values.map((v, c) =>
          el('td', { class: columns[c].numeric ? 'num' : '' }, [columns[c].numeric ? formatValue(v) : isolated(formatValue(v))])));
        if (onRowClick) tr.addEventListener('click', () => onRowClick(rows[i].index));
        return tr;
      }));
      head.querySelectorAll('th').forEach((th) =>
        th.setAttribute('aria-sort', th.dataset.key === sortBy ? (down ? 'descending' : 'ascending') : 'none'));
    }
    columns.forEach((c) => {
      const th = el('th', { 'data-key': c.key, scope: 'col' }, [c.label]);
      th.addEventListener('click', () => {
        down = sortBy === c.key ? !down : c.numeric;
        sortBy = c.key;
        render();
      });
      head.append(th);
    });
    table.append(el('thead', {}, [head]), body);
    render();
    return el('div', { class: 'lm-table-wrap' }, [table]);
  }

  const tables = document.getElementById('tables');
  // The action plan first: districts in priority order, as the meeting reads them.
  if (data.action_plan) {
    const plan = data.action_plan;
    const columns = [];
    const source = [];  // index into row.values, or a key of the row
    plan.columns.forEach((c, k) => {
      columns.push({ key: c.key, label: c.label, numeric: c.numeric });
      source.push(k);
      if (c.key === 'rank') {
        columns.push({ key: '_name', label: S.name, numeric: false }, { key: '_code', label: S.code, numeric: false });
        source.push('name', 'code');
      }
    });
    const rows = plan.rows.map((row) => ({
      index: row.unit === null ? -1 : row.unit,
      values: source.map((k) => typeof k === 'number' ? row.values[k] : row[k]),
    }));
    const hasRank = plan.columns.some((c) => c.key === 'rank');
    tables.append(el('h2', {}, [S.action_plan]),
      el('p', { class: 'sort-note' }, [S.action_plan_note + ' ', S.sort_hint]),
      sortableTable('lm-action-plan-table', columns, rows, hasRank ? 'rank' : null, false,
        (index) => { if (index >= 0) select(index, true); }));
  }
  {
    const fields = data.table.columns;
    const columns = [{ key: '_name', label: S.name, numeric: false }];
    if (units.parent_en || units.parent_ar) columns.push({ key: '_parent', label: units.parent_label, numeric: false });
    columns.push({ key: '_code', label: S.code, numeric: false });
    fields.forEach((f) => columns.push({ key: f, label: data.table.labels[f] || label(f), numeric: true }));
    const rows = units.features.map((f, index) => ({
      index: index,
      values: columns.map((c) => c.key === '_name' ? unitName(f.props) : c.key === '_parent' ? parentName(f.props)
        : c.key === '_code' ? f.props[units.code] : f.props[c.key]),
    }));
    tables.append(el('h2', {}, [units.label]),
      el('p', { class: 'sort-note' }, [data.table.sort ? S.sorted_by + ' ' + (data.table.labels[data.table.sort] || label(data.table.sort)) + '. ' : '', S.sort_hint]),
      sortableTable('lm-units-table', columns, rows, data.table.sort, data.table.descending, (index) => select(index, true)));
  }

  data.overlays.filter((o) => o.table).forEach((overlay) => {
    const columns = overlay.fields.map((f) => ({ key: f, label: f,
      numeric: overlay.features.some((x) => typeof x.props[f] === 'number') }));
    const rows = overlay.features.map((f, index) => ({ index: index, values: overlay.fields.map((k) => f.props[k]) }));
    const focus = (index) => {
      const f = overlay.features[index];
      if (f.at) map.setView(f.at, Math.max(map.getZoom(), 10));
      else if (f.line && f.line.length) map.fitBounds(L.latLngBounds([].concat(...f.line)));
      else if (f.shape) map.fitBounds(L.polygon(f.shape).getBounds());
    };
    tables.append(el('h2', {}, [overlay.label]),
      el('p', { class: 'sort-note' }, [S.sort_hint]),
      sortableTable('lm-table-' + overlay.id, columns, rows, overlay.sort_field, true, focus));
  });

  // ---- start ----------------------------------------------------------------

  showHint();
  document.body.dataset.ready = 'true';
})();
