import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

const fieldRegistry = registry.category("fields");

/**
 * A number shown as "—" while nothing was measured: a satisfaction without any rating, a score not given yet,
 * an amount not known yet. A measured zero still reads 0.
 *
 *     <field name="satisfaction" widget="gov_measured" options="{'measured': 'ratings_count'}"/>
 *
 * `measured` names a field of the record that is truthy once the value is measured (the field itself when
 * zero is never a measure, e.g. a rating of 1 to 5); without it, only an empty value (False) reads "—".
 * Otherwise, and while the value is being edited, the value is shown by the field type's own widget.
 */
export class GovMeasuredField extends Component {
    static template = "gov_hall_base.MeasuredField";
    static props = {
        ...standardFieldProps,
        measuredField: { type: String, optional: true },
        innerField: Function,
        innerProps: Object,
    };

    get isMeasured() {
        const data = this.props.record.data;
        if (this.props.measuredField) {
            return Boolean(data[this.props.measuredField]);
        }
        return data[this.props.name] !== false && data[this.props.name] !== null;
    }

    get showDash() {
        return this.props.readonly && !this.isMeasured;
    }

    get innerComponentProps() {
        const props = { ...this.props, ...this.props.innerProps };
        delete props.measuredField;
        delete props.innerField;
        delete props.innerProps;
        return props;
    }

    get title() {
        return _t("Not measured yet");
    }
}

function innerFieldOf(fieldInfo) {
    return fieldRegistry.get(fieldInfo.type, null) || fieldRegistry.get("float");
}

export const govMeasuredField = {
    component: GovMeasuredField,
    displayName: _t("Measured Value"),
    supportedTypes: ["float", "monetary", "integer"],
    supportedOptions: [
        {
            label: _t("Measured when"),
            name: "measured",
            type: "field",
            help: _t("A field of the record that is set once the value is measured; until then it reads \"—\"."),
        },
    ],
    fieldDependencies: ({ options }) =>
        options.measured ? [{ name: options.measured, type: "integer", readonly: true }] : [],
    isEmpty: (record, fieldName) => record.data[fieldName] === false,
    extractProps(fieldInfo, dynamicInfo) {
        const inner = innerFieldOf(fieldInfo);
        return {
            measuredField: fieldInfo.options.measured || undefined,
            innerField: inner.component,
            innerProps: inner.extractProps ? inner.extractProps(fieldInfo, dynamicInfo) : {},
        };
    },
};

fieldRegistry.add("gov_measured", govMeasuredField);
