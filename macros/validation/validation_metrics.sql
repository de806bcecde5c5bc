{#- The measures of val_metrics, in the order they are listed; read
    by the model and by the check of seed validation_targets. -#}
{% macro validation_metrics() %}
    {{ return([
        'churn_rate', 'auc', 'top_decile_lift', 'precision_at_risk',
        'churn_prediction_accuracy', 'f1_at_risk', 'false_positive_rate',
        'surprise_churn_rate', 'pearson_correlation', 'brier_score',
        'calibration_error', 'at_risk_threshold',
    ]) }}
{% endmacro %}
